#pragma once

#include "engine/command/command.hpp"
#include "engine/command/project.hpp"

#include <string>
#include <string_view>
#include <vector>

// What an upgrade or a downgrade would run on one target, computed without
// changing anything: the per-target half of `fleet plan`. It opens the
// database read-only, reads the version rows, and plans from them with the
// engine's own planner (runtime/migration_plan.hpp), so the steps are those
// the live command would run. A SQLite file that is not there yet stays absent
// (it is at base). No lock is taken. A target's trouble (unreachable, a
// destination it cannot reach) is a state with a masked reason, never an
// exception, so one bad target never stops a plan of a thousand.
namespace fleet::engine::command {

enum class PlanDirection { upgrade, downgrade };

// "upgrade" or "downgrade", as tables and JSON show a direction. Never throws.
std::string_view plan_direction_name(PlanDirection direction) noexcept;

// What to plan: `upgrade REVISION` or `downgrade REVISION`, and whether to
// render the SQL the run would execute.
struct PlanRequest {
    std::string revision = "heads";
    PlanDirection direction = PlanDirection::upgrade;
    bool sql = false;
};

// Ordered from the worst to the best, as reports list them.
enum class PlanState {
    unreachable, // the connection failed (detail: the driver's reason, masked)
    error,       // connected, but reading or planning failed (detail: why)
    would_run,   // steps is not empty
    up_to_date,  // nothing to do: the target already is where REVISION leads
};

// The stable name of a state, as JSON shows it ("would_run", ...). Never throws.
std::string_view plan_state_name(PlanState state) noexcept;

// One step the run would take.
struct PlannedStep {
    PlanDirection direction = PlanDirection::upgrade;
    std::string revision;                    // the revision run
    std::vector<std::string> down_revisions; // its parents (empty: a root)
    std::string message;                     // its doc line
    bool transactional = true;               // false: runs outside a transaction
};

// One target's plan: a plain value, safe to copy across threads.
struct TargetPlan {
    std::string name;        // "ENV/DATABASE"
    std::string display_url; // masked
    PlanState state = PlanState::error;
    // The version rows as read (empty: at base, or no database yet); valid
    // when current_known.
    std::vector<std::string> current;
    bool current_known = false;
    // False for a SQLite file not created yet (then current is empty).
    bool database_exists = true;
    // In the order the run takes them.
    std::vector<PlannedStep> steps;
    // With PlanRequest::sql and state would_run: the script the run would
    // execute from where this target stands, as `upgrade --sql` renders it
    // (the engine's offline path, version-table and fleet_history writes
    // included). Empty otherwise.
    std::string sql;
    // Why, for unreachable and error; masked. Empty otherwise.
    std::string detail;
};

// Checks request.revision against the graph alone, before any database is
// opened: throws fleet::RevisionError (exit 2) for what no target could get
// past — an unknown or ambiguous identifier, `head` with several heads, an
// unknown branch label. Whether a target can reach it from where it stands
// is target_plan's question.
void check_plan_revision(const Project& project, const PlanRequest& request);

// The plan of target against project (its script directory, loaded once by
// the caller and shared). Changes nothing. Never throws but std::bad_alloc.
TargetPlan target_plan(const Target& target, const Project& project, const PlanRequest& request);

} // namespace fleet::engine::command
