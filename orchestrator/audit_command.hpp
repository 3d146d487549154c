#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet audit` beyond the global ones.
struct AuditCommandOptions {
    bool all = false;    // --all: every status row, even in a large fleet
    std::string dev_url; // --dev-url: where drift's replays go (default: each target's dev_url)
};

// Registers the command's own options on its CLI11 subcommand.
void add_audit_options(CLI::App& command, AuditCommandOptions& options);

// `fleet audit`, for nightly runs: everything `fleet status` reports, plus
// the scripts edited after they ran (fleet_history's checksums) and schema
// drift (each target's schema against the one its applied revisions build,
// replayed into a scratch database once per distinct set of revisions;
// where that cannot be done, against its peers at the same revisions), over
// every selected target (read-only, default: all). Renders
// plugins/reporters' audit report as --format table (default) or json on
// out. Returns 1 when a target could not be read, else 3 when one is not up
// to date, a script was edited or a target drifted, else 0. Throws
// fleet::UsageError / InputError / RevisionError (exit 2) for bad usage,
// inventory or scripts, before any database is opened.
int run_audit(const GlobalOptions& global, const AuditCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
