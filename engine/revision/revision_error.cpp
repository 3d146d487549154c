#include "engine/revision/revision_error.hpp"

#include <fmt/format.h>

#include <utility>

namespace fleet::engine::revision {

namespace {
std::string or_base(const std::string& s) { return s.empty() ? "base" : s; }
} // namespace

RangeNotAncestorError::RangeNotAncestorError(std::string lower, std::string upper)
    : RevisionError(fmt::format("Revision {} is not an ancestor of revision {}", or_base(lower),
                                or_base(upper))),
      m_lower(std::move(lower)), m_upper(std::move(upper)) {}

RangeNotAncestorError::RangeNotAncestorError(std::string lower, std::string upper,
                                             const std::string& message)
    : RevisionError(message), m_lower(std::move(lower)), m_upper(std::move(upper)) {}

MultipleHeads::MultipleHeads(std::vector<std::string> heads, std::string argument)
    : RevisionError(fmt::format("Multiple heads are present for given argument '{}'; {}",
                                argument, fmt::join(heads, ", "))),
      m_heads(std::move(heads)), m_argument(std::move(argument)) {}

MultipleHeads::MultipleHeads(std::vector<std::string> heads, std::string argument,
                             const std::string& message)
    : RevisionError(message), m_heads(std::move(heads)), m_argument(std::move(argument)) {}

ResolutionError::ResolutionError(const std::string& message, std::string argument)
    : RevisionError(message), m_argument(std::move(argument)) {}

CycleDetected::CycleDetected(std::vector<std::string> revisions)
    : CycleDetected("Cycle", std::move(revisions)) {}

CycleDetected::CycleDetected(const std::string& kind, std::vector<std::string> revisions)
    : RevisionError(
          fmt::format("{} is detected in revisions ({})", kind, fmt::join(revisions, ", "))),
      m_revisions(std::move(revisions)) {}

DependencyCycleDetected::DependencyCycleDetected(std::vector<std::string> revisions)
    : CycleDetected("Dependency cycle", std::move(revisions)) {}

DependencyCycleDetected::DependencyCycleDetected(const std::string& kind,
                                                 std::vector<std::string> revisions)
    : CycleDetected(kind, std::move(revisions)) {}

LoopDetected::LoopDetected(const std::string& revision)
    : CycleDetected("Self-loop", {revision}) {}

DependencyLoopDetected::DependencyLoopDetected(const std::string& revision)
    : DependencyCycleDetected("Dependency self-loop", {revision}) {}

} // namespace fleet::engine::revision
