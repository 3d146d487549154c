#pragma once

#include "engine/command/command.hpp"
#include "inventory/target_spec.hpp"
#include "orchestrator/cli_options.hpp"

#include <filesystem>
#include <vector>

namespace fleet::orchestrator {

// What a command needs of its target.
enum class Needs {
    scripts_only, // heads, branches, revision...: the script directory alone
    database,     // a URL, but the command only reads
    changes,      // a URL, and the command writes to the database
};

// The targets the command line selects, in inventory order: the inventory
// (-c/$FLEET_CONFIG/./fleet.yaml) filtered by --env, -n and --shard, or the
// one target default/default of --url/$DATABASE_URL (none when there is no
// URL and the command needs only scripts); then, with --only-failed, only
// the targets its report shows failed (only_failed.hpp). For Needs::changes, a selection
// spanning environments that were not all named is refused. Throws
// fleet::UsageError and fleet::InputError; connects to nothing but a
// for_each query's registry.
struct Selected {
    std::vector<inventory::TargetSpec> targets;
    std::filesystem::path script_location; // the inventory's, or --script-location
    std::vector<std::string>
        environments; // all of the inventory's, in its order (reports group by them)
    // The inventory's top-level settings (the defaults without one): what a
    // command on the script directory alone reads when no single database
    // is selected.
    inventory::Settings settings;

    // The settings of the one selected database, else the top-level ones.
    const inventory::Settings& nearest_settings() const {
        return targets.size() == 1 ? targets.front().settings : settings;
    }
};
Selected select_targets(const GlobalOptions& options, Needs needs);

// One selected target, ready to connect (read-only for Needs::database).
// Throws fleet::UsageError for a URL without a driver.
engine::command::Target command_target(const inventory::TargetSpec& target, Needs needs);

// Turns the command line into the one target this command works on:
// -c/$FLEET_CONFIG/./fleet.yaml when one exists (with -n/--env choosing
// exactly one database), else --url/$DATABASE_URL with --script-location
// (default ./migrations) as target default/default. Throws fleet::UsageError
// when nothing or more than one database is selected, fleet::InputError for a
// bad inventory or URL.
engine::command::Target resolve_target(const GlobalOptions& options, Needs needs);
// The same, from targets already selected (so the inventory, and any
// for_each query in it, is read once).
engine::command::Target resolve_target(const Selected& selected, Needs needs);

} // namespace fleet::orchestrator
