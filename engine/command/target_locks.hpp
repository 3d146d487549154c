#pragma once

#include "engine/command/command.hpp"
#include "engine/runtime/migration_lock.hpp"

#include <string>
#include <string_view>
#include <vector>

// Who holds one target's migration lock: the per-target half of `fleet locks`
// (and of the `locked` state of `fleet status`). Read-only: it opens the
// database read-only, asks the driver (PostgreSQL: pg_locks of the advisory
// lock; SQLite: the lock file beside the database), takes and creates
// nothing, and never throws for a target's trouble.
namespace fleet::engine::command {

enum class LockState {
    unreachable, // the connection failed (detail: the driver's reason, masked)
    error,       // connected, but the lock could not be asked about (detail: why)
    held,        // holders is not empty
    free,        // nobody holds it (also: a SQLite file not created yet)
};

// The stable name of a state, as JSON shows it ("held", "free", ...).
std::string_view lock_state_name(LockState state) noexcept;

struct TargetLocks {
    std::string name;        // "ENV/DATABASE"
    std::string display_url; // masked
    LockState state = LockState::error;
    std::vector<runtime::LockHolder> holders; // masked (activity may quote SQL)
    std::string detail;                       // why, for unreachable and error; masked
};

// The key of target's migration lock: its version table.
runtime::LockKey lock_key(const Target& target);

// The holders of the lock, described for a person on one line each, joined
// by "; " ("pid 4242 (application 'fleet', since ...)"); empty when nobody
// holds it. What `fleet status` shows for a locked target. Throws what the
// connection throws.
std::string describe_lock_holders(runtime::Connection& connection, const Target& target);

// The lock's holders on target. Never throws but std::bad_alloc.
TargetLocks target_locks(const Target& target);

} // namespace fleet::engine::command
