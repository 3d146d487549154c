#pragma once

#include "engine/command/command.hpp"
#include "engine/runtime/connection.hpp"
#include "engine/runtime/migration_lock.hpp"

#include <memory>
#include <string>
#include <vector>

namespace fleet::engine::command {

// A changing command's hold on one live target: the open connection, the
// target's migration lock taken on it, and the heads read under that lock.
// Lock first, then read: heads read before the lock could be stale by the
// time it is held, and two runs would then both apply the same revisions.
struct LockedTarget {
    std::unique_ptr<runtime::Connection> connection;
    std::unique_ptr<runtime::MigrationLock> lock; // nullptr where the database needs none
    std::vector<std::string> heads;

    // Releases the lock before the connection goes (the lock needs it).
    void release() {
        if (lock) lock->release();
    }
};

// Opens the target, waits for its migration lock (settings.lock_timeout) and
// reads its version table. Throws UsageError without a URL, ConnectionError,
// runtime::LockTimeout, DatabaseError.
LockedTarget lock_target(const Target& target);

// Refuses, with HalfDoneError, a target whose fleet_history shows a step left
// half-done: nothing may run past it until `fleet retry` or `fleet mark-done`.
// Reads only.
void refuse_half_done(const Target& target, runtime::Connection& connection);

} // namespace fleet::engine::command
