#pragma once

#include "engine/command/command.hpp"
#include "engine/command/project.hpp"

#include <optional>
#include <ostream>
#include <string>

// The operator's two ways past a step left half-done (a transactional: false
// revision that failed part-way or whose run died inside it): upgrade and
// downgrade refuse such a target until one of these has been chosen.
namespace fleet::engine::command {

// `fleet retry [REV]`: runs the half-done step again from its first
// statement (its script should be written to be re-runnable: IF NOT EXISTS,
// CONCURRENTLY ... ), then records it as usual. revision: the half-done
// revision (a prefix will do); empty: the only one there is. A target with
// nothing half-done is left alone and says so on out. Throws UsageError when
// the revision is not half-done there or several are and none is named,
// RevisionError when the version table no longer places that step next,
// MigrationError when it fails again.
void retry(const Target& target, const Project& project, const std::optional<std::string>& revision,
           std::ostream& out);

// `fleet mark-done [REV]`: records the half-done step as done without running
// it (the operator finished or checked it by hand): the version table moves
// as if it had run, with a "marked_done" fleet_history row. Same choice of
// step and errors as retry.
void mark_done(const Target& target, const Project& project,
               const std::optional<std::string>& revision, std::ostream& out);

} // namespace fleet::engine::command
