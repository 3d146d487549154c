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
    : RevisionError(fmt::format("Multiple heads are present for given argument '{}'; {}", argument,
                                fmt::join(heads, ", "))),
      m_heads(std::move(heads)), m_argument(std::move(argument)) {}

MultipleHeads::MultipleHeads(std::vector<std::string> heads, std::string argument,
                             const std::string& message)
    : RevisionError(message), m_heads(std::move(heads)), m_argument(std::move(argument)) {}

ResolutionError::ResolutionError(const std::string& message, std::string argument)
    : RevisionError(message), m_argument(std::move(argument)) {}

namespace {
std::string files_suffix(const std::vector<std::string>& files) {
    if (files.empty()) return {};
    return fmt::format("; files: {}", fmt::join(files, ", "));
}
std::vector<std::string> one_file(const std::string& file) {
    if (file.empty()) return {};
    return {file};
}
} // namespace

CycleDetected::CycleDetected(std::vector<std::string> revisions,
                             const std::vector<std::string>& files)
    : CycleDetected("Cycle", std::move(revisions), files) {}

CycleDetected::CycleDetected(const std::string& kind, std::vector<std::string> revisions,
                             const std::vector<std::string>& files)
    : RevisionError(fmt::format("{} is detected in revisions ({}){}", kind,
                                fmt::join(revisions, ", "), files_suffix(files))),
      m_revisions(std::move(revisions)) {}

DependencyCycleDetected::DependencyCycleDetected(std::vector<std::string> revisions,
                                                 const std::vector<std::string>& files)
    : CycleDetected("Dependency cycle", std::move(revisions), files) {}

DependencyCycleDetected::DependencyCycleDetected(const std::string& kind,
                                                 std::vector<std::string> revisions,
                                                 const std::vector<std::string>& files)
    : CycleDetected(kind, std::move(revisions), files) {}

LoopDetected::LoopDetected(const std::string& revision, const std::string& file)
    : CycleDetected("Self-loop", {revision}, one_file(file)) {}

DependencyLoopDetected::DependencyLoopDetected(const std::string& revision, const std::string& file)
    : DependencyCycleDetected("Dependency self-loop", {revision}, one_file(file)) {}

} // namespace fleet::engine::revision
