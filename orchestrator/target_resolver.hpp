#pragma once

#include "engine/command/command.hpp"
#include "orchestrator/cli_options.hpp"

namespace fleet::orchestrator {

// What a command needs of its target.
enum class Needs {
    scripts_only, // heads, branches, revision...: the script directory alone
    database,     // a URL, but the command only reads
    changes,      // a URL, and the command writes to the database
};

// Turns the command line into the one target this command works on:
// -c/$FLEET_CONFIG/./fleet.yaml when one exists (with -n/--env choosing
// exactly one database), else --url/$DATABASE_URL with --script-location
// (default ./migrations) as target default/default. Throws fleet::UsageError
// when nothing or more than one database is selected, fleet::InputError for a
// bad inventory or URL.
engine::command::Target resolve_target(const GlobalOptions& options, Needs needs);

} // namespace fleet::orchestrator
