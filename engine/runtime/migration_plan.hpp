#pragma once

#include "engine/revision/revision_map.hpp"
#include "engine/runtime/migration_step.hpp"

#include <string>
#include <string_view>
#include <vector>

// The steps a command runs, in the order it runs them: Alembic's
// ScriptDirectory._upgrade_revs, _downgrade_revs and _stamp_revs. current_heads
// are the version rows of the database (or, offline, the starting revisions),
// in the order read; that order matters only where Alembic's does (a bare
// "-1" from several heads walks down from the first).
//
// Errors are RevisionError subclasses worded as Alembic's commands word them,
// e.g. "Destination X is not a valid upgrade target from current head(s)"
// (RangeNotAncestorError), "Multiple head revisions are present for given
// argument 'head'; ..." (MultipleHeads), "Can't locate revision identified by
// 'zz'" (ResolutionError), "Relative revision -3 didn't produce 3 migrations"
// (RevisionError).
namespace fleet::engine::runtime {

// The upgrade steps from current_heads to destination ("head", "heads", an id,
// "label@head", "+2", "ae1+1", "label@+1", ...), lowest first.
std::vector<MigrationStep> plan_upgrade(const revision::RevisionMap& map,
                                        std::string_view destination,
                                        const std::vector<std::string>& current_heads);

// The downgrade steps from current_heads down to destination ("base", an id,
// "-1", "label@-1", "label@base", "ae1-1", ...), highest first.
std::vector<MigrationStep> plan_downgrade(const revision::RevisionMap& map,
                                          std::string_view destination,
                                          const std::vector<std::string>& current_heads);

// The stamp steps that move the version rows to destinations (several for
// several branch heads; empty or "base" removes them). With purge the rows
// are planned from nothing: the caller empties the version table first and
// gives the HeadMaintainer no heads.
std::vector<MigrationStep> plan_stamp(const revision::RevisionMap& map,
                                      const std::vector<std::string>& destinations,
                                      const std::vector<std::string>& current_heads,
                                      bool purge = false);

} // namespace fleet::engine::runtime
