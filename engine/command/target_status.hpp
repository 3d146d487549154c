#pragma once

#include "engine/command/command.hpp"
#include "engine/command/project.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Where one target stands against its script directory: the per-target half
// of `fleet status` (and, later, `audit`). Read-only: it opens the database
// read-only, creates nothing (a SQLite file not there yet stays absent), and
// never throws for a target's trouble: an unreachable server or a failing
// query becomes a state with a (masked) reason, so one bad target never stops
// a report on a thousand. The orchestrator calls it once per target, from any
// thread (it shares nothing but the const Project).
namespace fleet::engine::command {

// Ordered from the worst to the best: reports list unhealthy targets in this
// order, and a target gets the first state that applies.
enum class StatusState {
    unreachable,      // the connection failed (detail: the driver's reason, masked)
    error,            // connected, but reading the tables or planning failed (detail: why)
    locked,           // another run holds the target's migration lock (detail: who)
    half_done,        // a step's newest fleet_history row is "running" or "failed"
    ahead_or_unknown, // a version row names no revision here (a newer release ran?)
    several_heads,    // more heads in the database than in the scripts: a merge is due
    behind,           // `upgrade heads` would run `pending` revisions
    up_to_date,       // nothing to run
};

// The stable name of a state, as JSON and scripts see it ("up_to_date",
// "ahead_or_unknown", ...). Never throws.
std::string_view state_name(StatusState state) noexcept;
// Whether a state needs attention (anything but up_to_date).
inline bool unhealthy(StatusState state) noexcept { return state != StatusState::up_to_date; }

// One target's standing: a plain value, safe to copy across threads.
struct TargetStatus {
    std::string name;        // the Target's name, "ENV/DATABASE"
    std::string display_url; // masked
    StatusState state = StatusState::error;
    // The version rows as read (empty: at base, or no database yet).
    std::vector<std::string> current;
    // Whether current was read (or the database is known not to exist yet);
    // false for unreachable targets and those that failed before reading.
    bool current_known = false;
    // The script directory's heads (what `upgrade heads` leads to).
    std::vector<std::string> heads;
    // Revisions `upgrade heads` would run, lowest first; pending is its size.
    std::vector<std::string> pending_revisions;
    std::size_t pending = 0;
    // Every revision applied here (current and their ancestors), lowest first;
    // empty with applied_known false when the version rows could not be read
    // or name unknown revisions. What environments are compared by.
    std::vector<std::string> applied;
    bool applied_known = false;
    // False for a SQLite file not created yet (then current is empty).
    bool database_exists = true;
    // Why, in a few words, for anything but up_to_date: the failing step, the
    // unknown version rows, the lock holder, the connection error. Masked.
    std::string detail;
};

// Hooks for what other features will add; every member may stay empty.
struct StatusOptions {
    // The migration-lock feature: given the open connection, a description of
    // whoever holds the target's migration lock ("pid 4242 on db1 since
    // 10:02"), or nullopt when it is free. Empty: locks are not checked.
    // It may throw; the target then reports state error.
    std::function<std::optional<std::string>(runtime::Connection&, const Target&)> lock_holder;
};

// The standing of target against project (its script directory, loaded
// once by the caller and shared by every target using it). Never throws but
// std::bad_alloc.
TargetStatus target_status(const Target& target, const Project& project,
                           const StatusOptions& options = {});

// The same, loading target.script_location itself; a bad script directory
// becomes state error with the loader's message.
TargetStatus target_status(const Target& target, const StatusOptions& options = {});

} // namespace fleet::engine::command
