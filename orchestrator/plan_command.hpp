#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet plan` beyond the global ones.
struct PlanCommandOptions {
    std::string revision;   // REVISION; empty: heads (an upgrade)
    bool downgrade = false; // --downgrade: plan `downgrade REVISION` (REVISION required)
    bool sql = false;       // --sql: each target's SQL instead of the table
    bool all = false;       // --all: name every target of each block
    std::vector<std::string> allow_hazards; // --allow-hazards RULE (the safety check)
};

// Registers the command's own options on its CLI11 subcommand.
void add_plan_options(CLI::App& command, PlanCommandOptions& options);

// `fleet plan [REVISION]`: for every selected target (read-only commands
// default to the whole inventory), what `upgrade REVISION` (or with
// --downgrade, `downgrade REVISION`) would run from where it stands; changes
// nothing and takes no lock. Rendered as --format table (default) or json, or
// with --sql as each target's SQL script. Loads every script directory and
// checks REVISION against the graph before any database is opened. Returns
// 1 when a target could not be planned (unreachable, REVISION not reachable
// from it), else 0. An upgrade plan then passes the safety check as
// `upgrade` would (lint_gate): a finding at lint.fail_on is exit 2. Throws fleet::UsageError /
// fleet::InputError / fleet::RevisionError (exit 2) for bad usage, inventory, scripts or a REVISION
// no target could reach (unknown, ambiguous, `head` with several).
int run_plan(const GlobalOptions& global, const PlanCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
