#pragma once

#include "engine/error.hpp"
#include "engine/runtime/defaults.hpp"
#include "engine/util/duration.hpp"

#include <chrono>
#include <string>
#include <vector>

// The migration lock: one per version table, so two processes (two fleet
// runs, or a fleet run and an application starting up with the embedded
// engine) never migrate one database at once. Drivers implement it
// (Connection::acquire_migration_lock); the commands that change a database
// hold it for the whole run.
namespace fleet::engine::runtime {

// Which lock: the version table's schema and name. The driver adds the
// database's identity (PostgreSQL: the database name; SQLite: the file), so
// tenant schemas of one PostgreSQL database lock independently.
struct LockKey {
    std::string schema; // empty: the schema the version table goes to by default
    std::string table = k_default_version_table;
};

// Who holds a migration lock, as far as the database can tell; empty strings
// where it cannot.
struct LockHolder {
    long long pid = 0;       // the server process (PostgreSQL) or the OS process (SQLite)
    std::string application; // application_name, or the program that wrote the lock file
    std::string client;      // client address or host name
    std::string since;       // when the holding session or process started, ISO 8601
    std::string activity;    // what it does now (state and query), when known
};

// "pid 4242 (application 'fleet', client 10.0.0.7, since 2026-11-21T10:00:00Z)".
std::string describe(const LockHolder& holder);

// A held migration lock. Destroying it releases it; so does the end of the
// holding process or database session, so no stale lock is ever left to clear.
// Must be destroyed before the connection that took it.
class MigrationLock {
  public:
    virtual ~MigrationLock() = default;
    // Releases the lock now; later calls do nothing. Throws DatabaseError when
    // the database cannot be told (the lock then goes with the session).
    virtual void release() = 0;
};

// The migration lock was not free within the timeout (exit 1). The message
// names the lock and every holder the database reports.
class LockTimeout : public DatabaseError {
  public:
    // lock: what was waited for, e.g. "the migration lock of
    // postgresql://app:***@db/app (t_acme.alembic_version)".
    LockTimeout(const std::string& lock, std::chrono::milliseconds waited,
                std::vector<LockHolder> holders);
    const std::vector<LockHolder>& holders() const noexcept { return m_holders; }

  private:
    std::vector<LockHolder> m_holders;
};

} // namespace fleet::engine::runtime
