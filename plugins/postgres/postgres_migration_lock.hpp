#pragma once

#include "engine/runtime/connection.hpp"
#include "engine/runtime/migration_lock.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// PostgreSQL's migration lock: a session-level advisory lock keyed by a stable
// 64-bit hash of (database, version-table schema, version table), so tenant
// schemas of one database migrate in parallel while two runs on one schema
// queue. The server drops it when the session ends, however it ends.
namespace fleet::plugins::postgres {

// The advisory lock id for a version table: FNV-1a 64 over the three names
// (with a fleet prefix, so other applications' advisory ids are unlikely to
// collide). Stable across fleet versions, hosts and PostgreSQL versions:
// changing it would let an old and a new fleet migrate one schema at once.
std::int64_t advisory_lock_id(const std::string& database, const std::string& schema,
                              const std::string& table);

// Takes the advisory lock for key on connection (pg_try_advisory_lock, polled
// with backoff up to timeout); an empty key.schema means current_schema(),
// where the version table goes by default. display_url names the database in
// messages. Throws LockTimeout naming the holders (pid, application_name,
// client_addr, backend_start, state and query from pg_stat_activity) when the
// wait runs out, DatabaseError when a query fails. The lock keeps a reference
// to connection: destroy it first.
std::unique_ptr<engine::runtime::MigrationLock>
acquire_advisory_lock(engine::runtime::Connection& connection, const engine::runtime::LockKey& key,
                      std::chrono::milliseconds timeout);

// The sessions holding key's advisory lock now (pg_locks joined with
// pg_stat_activity); empty when none. Reads only.
std::vector<engine::runtime::LockHolder>
advisory_lock_holders(engine::runtime::Connection& connection, const engine::runtime::LockKey& key);

} // namespace fleet::plugins::postgres
