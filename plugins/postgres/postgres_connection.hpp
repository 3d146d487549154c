#pragma once

#include "engine/error.hpp"
#include "engine/runtime/connection.hpp"
#include "engine/url/database_url.hpp"
#include "plugins/connect_options.hpp"

#include <memory>
#include <string>
#include <vector>

namespace fleet::plugins::postgres {

// A connection to one PostgreSQL database on libpqxx 6.4. Statements run in
// autocommit through a pqxx::nontransaction; begin()/commit()/rollback() send
// BEGIN/COMMIT/ROLLBACK themselves, so a statement that fails inside a
// transaction can be followed by rollback() and the connection used again.
// libpqxx's silent reconnection is switched off: a lost connection is an
// error, never a fresh session outside the transaction.
// Threading: one thread at a time uses it, except cancel(), which any thread
// may call while the connection lives. Every method throws fleet::DatabaseError
// (ConnectionError when the server is gone) with the server's message and
// SQLSTATE; pqxx's exceptions never escape (postgres_error.cpp).
class PostgresConnection final : public engine::runtime::Connection {
  public:
    // Connects with libpq keywords built from url (host, port, dbname, user,
    // password, and every ?key=value as a libpq keyword: sslmode, ...),
    // options.connect_timeout_seconds and options.application_name (a value in
    // the URL's query wins). Then sets search_path to options.schema when given,
    // and default_transaction_read_only with options.read_only. Server notices
    // go to options.on_notice (postgres_notices.hpp). With
    // options.answer_timeout, every later statement is timed by an
    // AnswerWatchdog: one with no answer in time fails with ConnectionError
    // "no answer from URL within 2s (connection.answer_timeout): gave up on
    // the connection", and so does every statement after it. Throws
    // ConnectionError "cannot connect to postgresql://user:***@host:port/db:
    // <libpq's words>" when unreachable, refused or not authenticated (never a
    // password in it; a timeout ends "(no answer within 2s, <the setting>)"),
    // UsageError for a non-PostgreSQL URL.
    PostgresConnection(const engine::url::DatabaseUrl& url, const ConnectOptions& options);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    // PostgresDialect::instance().
    const engine::ops::Dialect& dialect() const override;

    // Runs sql (several statements separated by ';' run as one simple query);
    // returns the rows the last one affected (0 for DDL).
    long long execute(const std::string& sql) override;
    // Runs sql; returns the rows of its last statement as text (NULL: nullopt).
    engine::runtime::Rows query(const std::string& sql) override;

    // BEGIN. Throws DatabaseError (SQLSTATE 25001) when one is already open.
    void begin() override;
    // COMMIT. Throws DatabaseError when no transaction is open (25P01), or
    // (25P02, after rolling back) when a statement of the transaction failed:
    // PostgreSQL would answer that COMMIT with a silent ROLLBACK, and a failed
    // transaction must never read as committed.
    void commit() override;
    // ROLLBACK; does nothing when no transaction is open. Afterwards no
    // transaction is open, even when it throws (the server drops an
    // unfinished transaction with its connection).
    void rollback() override;
    bool in_transaction() const override;

    // Whether a table (or view) named table exists: in schema when given,
    // else the first one search_path finds (pg_table_is_visible). Names are
    // compared as stored: pass them unquoted, as created.
    bool table_exists(const std::string& schema, const std::string& table) override;

    // current_schema()'s schema (postgres_introspection.hpp).
    engine::schema::Schema read_schema(const std::vector<std::string>& excluded) override;

    // The URL, password masked.
    std::string display_url() const override;

    // Asks the server to cancel the statement running on this connection
    // (pqxx cancel_query); that statement then fails with DatabaseError
    // SQLSTATE 57014. Callable from any thread while the connection lives;
    // a no-op when nothing runs. Never throws.
    void cancel() noexcept override;

    // SET lock_timeout for the session (RESET for zero); true. While it is
    // set, a statement of execute() that waits for a lock is watched from a
    // second session (postgres_blocker_watch.hpp), so its lock_timeout error
    // (55P03) ends "; blocked by pid N (application, client, since, state,
    // query)".
    bool set_statement_lock_timeout(std::chrono::milliseconds timeout) override;
    // SQLSTATE 55P03 (lock_not_available).
    bool is_lock_timeout(const DatabaseError& error) const override;

    // A session advisory lock keyed by (database, key.schema or
    // current_schema(), key.table): postgres_migration_lock.hpp.
    std::unique_ptr<engine::runtime::MigrationLock>
    acquire_migration_lock(const engine::runtime::LockKey& key,
                           std::chrono::milliseconds timeout) override;
    // The sessions holding that advisory lock, from pg_locks and pg_stat_activity.
    std::vector<engine::runtime::LockHolder>
    migration_lock_holders(const engine::runtime::LockKey& key) override;

    // The server process serving this connection (pg_backend_pid()).
    int backend_pid() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace fleet::plugins::postgres
