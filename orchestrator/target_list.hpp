#pragma once

#include "engine/command/command.hpp"
#include "orchestrator/cli_options.hpp"
#include "orchestrator/target_resolver.hpp"

#include <string>
#include <vector>

namespace fleet::orchestrator {

// One selected target, ready to open, with the names reports group it by.
struct ListedTarget {
    std::string environment;
    std::string database;
    engine::command::Target target; // target.name is "ENVIRONMENT/DATABASE"
};

struct TargetList {
    std::vector<ListedTarget> targets; // in inventory order
    // targets[i] as the inventory describes it (its URL and settings, whose
    // rollout limits the reads keep to), by the same index.
    std::vector<inventory::TargetSpec> selected;
    std::vector<std::string>
        environments; // of the inventory, in its order (not only those selected)
};

// Every target the command line selects, for commands that work on many:
// the inventory (-c/$FLEET_CONFIG/./fleet.yaml) filtered by --env, -n and
// --shard (no selector: every target), or with --url/$DATABASE_URL the one
// target default/default. needs == Needs::database opens them read-only;
// Needs::changes refuses, as resolve_target does, a selection spanning
// environments that were not named. Throws fleet::UsageError (no database,
// -c with --url, a selector matching nothing, that refusal) and
// fleet::InputError (a bad inventory or URL). Connects to nothing but a
// for_each query's registry.
TargetList resolve_targets(const GlobalOptions& options, Needs needs);

// The same from targets already selected (the inventory read once).
TargetList list_targets(Selected selected, Needs needs);

} // namespace fleet::orchestrator
