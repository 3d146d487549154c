#pragma once

#include "orchestrator/cli_options.hpp"

#include <string>
#include <vector>

namespace fleet::orchestrator {

// What `upgrade`, `downgrade`, `stamp`, `retry` and `mark-done` were asked to
// do. The last two resolve a half-done step (engine/command/half_done.hpp).
struct MigrateRequest {
    enum class Kind { upgrade, downgrade, stamp, retry, mark_done };
    Kind kind = Kind::upgrade;
    // One for upgrade/downgrade; stamp may take several; retry and mark-done
    // none (the only half-done step) or one.
    std::vector<std::string> revisions;
    bool sql = false;               // offline: print, per target
    bool purge = false;             // stamp --purge
    bool continue_on_error = false; // --continue-on-error
    // --allow-hazards RULE: the safety check's findings of these rules do
    // not stop an upgrade (INTERFACE.md, "Lint").
    std::vector<std::string> allow_hazards;
};

// Runs a changing command on every target the options select. One target
// behaves as Alembic does (its log lines, its errors). Several run as a
// rollout: canary first, in batches, under the failure threshold, one
// report line per target and a summary. An upgrade first passes the safety
// check (lint_gate) on every selected target. Returns the exit code; throws
// fleet::Error for what is wrong before any target starts (bad selection,
// bad inventory, bad scripts, a finding of the safety check).
int run_migrate_command(const GlobalOptions& options, const MigrateRequest& request);

} // namespace fleet::orchestrator
