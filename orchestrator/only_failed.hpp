#pragma once

#include "inventory/selection.hpp"
#include "inventory/target_spec.hpp"

#include <filesystem>
#include <vector>

namespace fleet::orchestrator {

// --only-failed REPORT.json: run again exactly the targets a rollout report
// (`--format json`, orchestrator/rollout/rollout_json.hpp) shows failed or
// cancelled. Skipped targets (never started: the rollout halted or was
// interrupted first) are not among them: the option's promise is "the
// failed ones", and a plain rerun finishes the skipped ones while the done
// ones cost nothing. Such targets are named in a warning, as are failed
// targets no longer in the inventory (a database removed since needs no
// rerun, and refusing would block the rerun of the others).
//
// Keeps the targets of `selection` (already narrowed by --env, -n and
// --shard: the selectors add up) that the report names failed or cancelled,
// in inventory order, and recomputes its environments. `inventory` is every
// target of the inventory, to tell a target another selector left out from
// one that is gone. Throws fleet::InputError naming the file (and line) for
// a report that cannot be read or is not a rollout report (exit 2).
void narrow_to_failed(inventory::Selection& selection,
                      const std::vector<inventory::TargetSpec>& inventory,
                      const std::filesystem::path& report);

} // namespace fleet::orchestrator
