#pragma once

#include <stdexcept>
#include <string>

// The one error hierarchy of fleet. Every exception fleet throws derives from
// fleet::Error and carries the exit code the command line ends with, so the
// edges (main, the per-target runner) translate errors without knowing them.
// Third-party exceptions (pqxx, SQLite, yaml-cpp) are translated into these in
// one place per plugin; nothing else lets them escape.
namespace fleet {

// Exit codes of the `fleet` binary (INTERFACE.md).
enum class ExitCode : int {
    ok = 0,          // done / in sync
    failed = 1,      // a migration or connection failed
    bad_input = 2,   // bad usage, bad inventory or bad script
    out_of_sync = 3, // status/audit/check found drift
    halted = 4,      // the rollout's failure threshold was crossed
};

// Base of all fleet errors. what() is the whole user-facing message; it never
// holds a password.
class Error : public std::runtime_error {
  public:
    Error(const std::string& message, ExitCode code);
    ExitCode exit_code() const noexcept { return m_code; }

  private:
    ExitCode m_code;
};

// Bad command line or bad argument value (exit 2).
class UsageError : public Error {
  public:
    explicit UsageError(const std::string& message);
};

// A file fleet reads is wrong: a revision script, an inventory, a template.
// The message starts with "FILE:LINE: " when a line is known (exit 2).
class InputError : public Error {
  public:
    // line 0 means "no particular line".
    InputError(const std::string& file, int line, const std::string& problem);
    const std::string& file() const noexcept { return m_file; }
    int line() const noexcept { return m_line; }
    // The message without "FILE:LINE: ", to be carried into another one.
    const std::string& problem() const noexcept { return m_problem; }

  private:
    std::string m_file;
    int m_line;
    std::string m_problem;
};

// The revision graph is inconsistent or an identifier cannot be resolved
// (exit 2). engine/revision/revision_error.hpp holds the Alembic-style family.
class RevisionError : public Error {
  public:
    explicit RevisionError(const std::string& message);
};

// A database could not be reached or a statement failed (exit 1).
class DatabaseError : public Error {
  public:
    // sqlstate is empty where the driver has none (SQLite).
    DatabaseError(const std::string& message, std::string sqlstate = {});
    const std::string& sqlstate() const noexcept { return m_sqlstate; }

  private:
    std::string m_sqlstate;
};

// A database is unreachable: the message names host and port, never a password.
class ConnectionError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

// A statement of a migration failed. Message: which revision, which statement
// and the server's own words (exit 1). The facts are fields too, as libpqxx's
// failure::query() and sqlstate() are, so reports carry them without parsing.
class MigrationError : public DatabaseError {
  public:
    MigrationError(const std::string& revision, const std::string& statement,
                   const std::string& server_message, std::string sqlstate = {});
    // The revision whose step failed.
    const std::string& revision() const noexcept { return m_revision; }
    // The statement as sent, whole ("COMMIT" for a refused commit); the
    // message shows at most its first 500 bytes.
    const std::string& statement() const noexcept { return m_statement; }
    // The server's own words, without the revision and statement around them.
    const std::string& server_message() const noexcept { return m_server_message; }
    // The same error with `note` added to the server's words (a retry count,
    // a history row that could not be written).
    MigrationError with_note(const std::string& note) const;

  private:
    std::string m_revision;
    std::string m_statement;
    std::string m_server_message;
};

// The target has a step left half-done: a transactional: false revision that
// failed part-way, or whose run died inside it, so some of its statements may
// have taken effect. Nothing more runs on that target until an operator
// chooses `fleet retry` or `fleet mark-done` (exit 1).
class HalfDoneError : public Error {
  public:
    explicit HalfDoneError(const std::string& message) : Error(message, ExitCode::failed) {}
};

// A run stopped between revisions because a stop was requested (Ctrl-C in a
// rollout): everything committed before it stays, the version table says
// where it stopped, and a re-run continues from there (exit 1).
class Interrupted : public Error {
  public:
    explicit Interrupted(const std::string& message) : Error(message, ExitCode::failed) {}
};

} // namespace fleet
