#pragma once

#include "engine/runtime/connection.hpp"
#include "engine/url/database_url.hpp"
#include "plugins/connect_options.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace fleet::plugins::sqlite {

// A connection to one SQLite file (or a private in-memory database), on
// SQLiteCpp and the sqlite3 C API. Transactions are explicit BEGIN / COMMIT /
// ROLLBACK; DDL inside them rolls back (SQLite's DDL is transactional).
// Threading: one thread at a time uses it, except cancel(), which any thread
// may call while the connection lives. Every method throws fleet::DatabaseError
// with SQLite's message (no SQLSTATE); SQLite's exceptions never escape.
class SqliteConnection final : public engine::runtime::Connection {
  public:
    // How long a statement waits for another connection's lock before failing
    // with "database is locked"; the URL's ?timeout=SECONDS overrides it.
    static constexpr int k_busy_timeout_ms = 5000;

    // Opens url.database, creating the file when it is missing (not with
    // options.read_only or ?mode=ro). Never creates folders. Throws
    // ConnectionError "cannot connect to sqlite:///PATH: ..." naming the path
    // when its folder is missing, the file cannot be opened or is not a SQLite
    // database; UsageError when options.schema is set (SQLite has no schemas).
    SqliteConnection(const engine::url::DatabaseUrl& url, const ConnectOptions& options);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    // SqliteDialect::instance().
    const engine::ops::Dialect& dialect() const override;
    // The dialect's flags, with RENAME COLUMN and DROP COLUMN as the linked
    // SQLite library has them (3.25 and 3.35).
    const engine::ops::Capabilities& capabilities() const override;

    // Runs every statement of sql in order; returns the rows the last INSERT,
    // UPDATE or DELETE among them changed (triggers not counted), 0 when none
    // changed anything (DDL included).
    long long execute(const std::string& sql) override;
    // Runs every statement of sql; returns the rows of the last one that
    // returns columns, each value as SQLite's text (NULL as nullopt).
    engine::runtime::Rows query(const std::string& sql) override;

    // BEGIN IMMEDIATE (plain BEGIN when read-only): takes the write lock at
    // once, waiting up to the busy timeout, so two runs on one file queue
    // instead of failing at their first write. Throws when a transaction is
    // already open.
    void begin() override;
    // COMMIT. Throws when no transaction is open, or when SQLite refuses (a
    // full disk, a deferred foreign key, a busy file): the transaction is then
    // rolled back before the DatabaseError (saying it was the COMMIT) leaves,
    // so a failed commit never leaves it open behind a caller that counts it
    // as over, as PostgreSQL's COMMIT does.
    void commit() override;
    // ROLLBACK; does nothing when no transaction is open (SQLite may have
    // rolled back by itself after an error).
    void rollback() override;
    // Whether a transaction is open, as SQLite itself says (autocommit off).
    bool in_transaction() const override;

    // Whether a table named table exists (SQLite compares names without ASCII
    // case), in the main database or, when schema is set, in that attached one
    // (false when nothing is attached under that name).
    bool table_exists(const std::string& schema, const std::string& table) override;

    // The main database's schema (sqlite_introspection.hpp).
    engine::schema::Schema read_schema(const std::vector<std::string>& excluded) override;

    // sqlite:///PATH.
    std::string display_url() const override;

    // Interrupts the statement running on this connection (sqlite3_interrupt):
    // it fails with DatabaseError "interrupted". Callable from any thread while
    // the connection lives; a no-op when nothing runs. Never throws.
    void cancel() noexcept override;

    // flock(2) on "<db>-fleet.lock" next to the file (sqlite_migration_lock.hpp):
    // one lock per file whatever key names, gone when this process ends.
    // nullptr for an in-memory database, which no other process can reach.
    std::unique_ptr<engine::runtime::MigrationLock>
    acquire_migration_lock(const engine::runtime::LockKey& key,
                           std::chrono::milliseconds timeout) override;
    // The process holding this file's lock, from what it wrote into the file.
    std::vector<engine::runtime::LockHolder>
    migration_lock_holders(const engine::runtime::LockKey& key) override;

    // False: SQLite has no per-statement lock bound. It has one writer, and
    // begin() waits for it on the busy timeout instead.
    bool set_statement_lock_timeout(std::chrono::milliseconds) override { return false; }
    // False: with no such bound, no failure is a lock timeout to retry (a
    // busy timeout already waited its whole length).
    bool is_lock_timeout(const DatabaseError&) const override { return false; }

    // The database file as opened (":memory:" for an in-memory database).
    const std::string& path() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace fleet::plugins::sqlite
