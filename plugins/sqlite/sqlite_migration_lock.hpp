#pragma once

#include "engine/runtime/migration_lock.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// SQLite's migration lock: flock(2) on a sidecar file next to the database,
// "<db>-fleet.lock". The kernel drops it when the holding process ends, however
// it ends (kill -9 included), so a stale lock cannot exist. One lock per
// database file, whatever the version table: SQLite has one writer anyway.
// The file is created when missing and never deleted (deleting it while
// another process waits on it would let two processes hold "the" lock). The
// holder writes its pid, host, application and start time into it, so a
// waiter's timeout names who it waited for.
namespace fleet::plugins::sqlite {

// "<database_path>-fleet.lock", absolute.
std::string lock_file_path(const std::string& database_path);

// Takes the lock on lock_path, polling with backoff up to timeout. what names
// the lock in messages ("the migration lock of sqlite:///app.db"); application
// is written into the file for waiters to read. Throws LockTimeout naming the
// holder when the wait runs out; DatabaseError when the file cannot be opened
// or locked for another reason, or when cancelled (asked between attempts)
// returns true: a second Ctrl-C must not sit out the whole lock timeout.
std::unique_ptr<engine::runtime::MigrationLock>
acquire_file_lock(const std::string& lock_path, const std::string& what,
                  const std::string& application, std::chrono::milliseconds timeout,
                  const std::function<bool()>& cancelled = {});

// Who holds the lock on lock_path now (at most one process); empty when
// nobody does or the file does not exist. Takes nothing and creates nothing.
std::vector<engine::runtime::LockHolder> file_lock_holders(const std::string& lock_path);

} // namespace fleet::plugins::sqlite
