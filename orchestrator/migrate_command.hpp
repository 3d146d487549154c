#pragma once

#include "orchestrator/cli_options.hpp"

#include <string>
#include <vector>

namespace fleet::orchestrator {

// What `upgrade`, `downgrade` and `stamp` were asked to do.
struct MigrateRequest {
    enum class Kind { upgrade, downgrade, stamp };
    Kind kind = Kind::upgrade;
    std::vector<std::string> revisions; // one for upgrade/downgrade; stamp may take several
    bool sql = false;                   // offline: print, per target
    bool purge = false;                 // stamp --purge
    bool continue_on_error = false;     // --continue-on-error
};

// Runs a changing command on every target the options select. One target
// behaves as Alembic does (its log lines, its errors). Several run as a
// rollout: canary first, in batches, under the failure threshold, one
// report line per target and a summary. Returns the exit code; throws
// fleet::Error for what is wrong before any target starts (bad selection,
// bad inventory, bad scripts).
int run_migrate_command(const GlobalOptions& options, const MigrateRequest& request);

} // namespace fleet::orchestrator
