#pragma once

#include "engine/error.hpp"

#include <string>
#include <vector>

// Alembic's revision error family (alembic/script/revision.py), all of them
// fleet::RevisionError so the command line ends with exit code 2. Each class
// builds Alembic's own wording from its data; the second constructor of each
// takes a ready message, which is how command-level code re-words an error the
// way Alembic's ScriptDirectory does (see command_errors.hpp) without losing
// the error's type.
namespace fleet::engine::revision {

// A range whose lower end is not below its upper end:
// "Revision <lower> is not an ancestor of revision <upper>".
class RangeNotAncestorError : public RevisionError {
  public:
    // lower/upper as Alembic prints them; empty means "base".
    RangeNotAncestorError(std::string lower, std::string upper);
    RangeNotAncestorError(std::string lower, std::string upper, const std::string& message);
    const std::string& lower() const noexcept { return m_lower; }
    const std::string& upper() const noexcept { return m_upper; }

  private:
    std::string m_lower;
    std::string m_upper;
};

// A symbol that names one revision ("head", "label@head") matched several:
// "Multiple heads are present for given argument '<argument>'; h1, h2".
class MultipleHeads : public RevisionError {
  public:
    MultipleHeads(std::vector<std::string> heads, std::string argument);
    MultipleHeads(std::vector<std::string> heads, std::string argument, const std::string& message);
    const std::vector<std::string>& heads() const noexcept { return m_heads; }
    const std::string& argument() const noexcept { return m_argument; }

  private:
    std::vector<std::string> m_heads;
    std::string m_argument;
};

// An identifier that names no revision, or more than one by prefix; argument
// is the identifier as given.
class ResolutionError : public RevisionError {
  public:
    ResolutionError(const std::string& message, std::string argument);
    const std::string& argument() const noexcept { return m_argument; }

  private:
    std::string m_argument;
};

// The down_revision graph has a cycle: "Cycle is detected in revisions (a, b)".
// files, when given, are the revisions' files: the message ends with
// "; files: a.sql, b.sql" so the user knows what to open.
class CycleDetected : public RevisionError {
  public:
    explicit CycleDetected(std::vector<std::string> revisions,
                           const std::vector<std::string>& files = {});
    const std::vector<std::string>& revisions() const noexcept { return m_revisions; }

  protected:
    // kind is the first word(s) of the message ("Dependency cycle", ...).
    CycleDetected(const std::string& kind, std::vector<std::string> revisions,
                  const std::vector<std::string>& files);

  private:
    std::vector<std::string> m_revisions;
};

// The graph including depends_on has a cycle:
// "Dependency cycle is detected in revisions (a, b)".
class DependencyCycleDetected : public CycleDetected {
  public:
    explicit DependencyCycleDetected(std::vector<std::string> revisions,
                                     const std::vector<std::string>& files = {});

  protected:
    DependencyCycleDetected(const std::string& kind, std::vector<std::string> revisions,
                            const std::vector<std::string>& files);
};

// A revision names itself as its down_revision:
// "Self-loop is detected in revisions (a)".
class LoopDetected : public CycleDetected {
  public:
    explicit LoopDetected(const std::string& revision, const std::string& file = {});
};

// A revision names itself in depends_on:
// "Dependency self-loop is detected in revisions (a)". (Alembic derives it from
// both DependencyCycleDetected and LoopDetected; here it is a
// DependencyCycleDetected.)
class DependencyLoopDetected : public DependencyCycleDetected {
  public:
    explicit DependencyLoopDetected(const std::string& revision, const std::string& file = {});
};

} // namespace fleet::engine::revision
