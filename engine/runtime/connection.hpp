#pragma once

#include "engine/error.hpp"
#include "engine/ops/dialect.hpp"
#include "engine/runtime/migration_lock.hpp"
#include "engine/schema/schema.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fleet::engine::runtime {

// One row of a result, each column as text; NULL is nullopt.
using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;

// A live connection to one database, implemented by a driver in plugins/.
// Not thread-safe: one thread uses it at a time (the orchestrator gives each
// target one connection). Every method throws fleet::DatabaseError carrying the
// server's message and SQLSTATE; driver exceptions never escape.
class Connection {
  public:
    virtual ~Connection() = default;

    virtual const ops::Dialect& dialect() const = 0;
    // What this server can do, as rendering asks it (SQLite's RENAME COLUMN
    // and DROP COLUMN depend on the library's version). By default the
    // dialect's own flags, which offline runs use too.
    virtual const ops::Capabilities& capabilities() const { return dialect().capabilities(); }

    // Runs one statement; returns the rows it changed (-1 when not known).
    virtual long long execute(const std::string& sql) = 0;
    // Runs one query and returns every row.
    virtual Rows query(const std::string& sql) = 0;

    // Explicit transaction control. begin() while in a transaction throws.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual bool in_transaction() const = 0;

    // Whether the table exists; schema empty means the default search path
    // (PostgreSQL) or the main database (SQLite).
    virtual bool table_exists(const std::string& schema, const std::string& table) = 0;

    // Stops the statement running now, from any thread, while the connection
    // is alive: it then fails with a DatabaseError, and so does every later
    // statement and wait for the migration lock, so a cancel landing between
    // two statements is not lost. rollback() still runs. How a rollout stops
    // work when Boost 1.74 cannot cancel the operation awaited.
    virtual void cancel() noexcept = 0;

    // The URL with its password masked: what messages may show.
    virtual std::string display_url() const = 0;

    // Takes this database's migration lock for key (the driver adds the
    // database's identity), waiting up to timeout, polling with backoff.
    // Returns the held lock, released when destroyed and by the database when
    // this process or session dies; nullptr when the database needs none (a
    // private in-memory database). Throws LockTimeout naming the holders when
    // the wait runs out, DatabaseError when the lock cannot be asked for.
    // Every driver must say how it locks: a default that did nothing would let
    // two processes migrate one database at once.
    virtual std::unique_ptr<MigrationLock>
    acquire_migration_lock(const LockKey& key, std::chrono::milliseconds timeout) = 0;
    // Who holds key's migration lock now; empty when nobody does. Takes and
    // changes nothing.
    virtual std::vector<LockHolder> migration_lock_holders(const LockKey& key) = 0;

    // The schema this connection migrates, normalized (schema::normalize):
    // PostgreSQL's current_schema() (the first schema of the search_path, the
    // target's `schema:`), SQLite's main database. Tables whose names are in
    // excluded (fleet's version table and fleet_history) are left out. A
    // schema that does not exist reads as empty. Reads only. Throws
    // DatabaseError when the catalog cannot be read.
    virtual schema::Schema read_schema(const std::vector<std::string>& excluded) = 0;

    // Bounds how long each later statement of this session waits for a lock on
    // a table (PostgreSQL's lock_timeout), so a migration behind a busy table
    // fails fast and can be retried instead of queueing every reader behind it.
    // Zero removes the bound. Returns false when the database has no such bound
    // (SQLite has one writer, which waits on its busy timeout instead).
    virtual bool set_statement_lock_timeout(std::chrono::milliseconds timeout) = 0;
    // Whether error is a statement giving up under that bound (SQLSTATE 55P03
    // on PostgreSQL); such a failure is worth retrying after a pause.
    virtual bool is_lock_timeout(const DatabaseError& error) const = 0;
};

} // namespace fleet::engine::runtime
