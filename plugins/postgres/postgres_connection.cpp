#include "plugins/postgres/postgres_connection.hpp"

#include "engine/error.hpp"
#include "plugins/postgres/postgres_answer_watchdog.hpp"
#include "plugins/postgres/postgres_blocker_watch.hpp"
#include "plugins/postgres/postgres_conninfo.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "plugins/postgres/postgres_error.hpp"
#include "plugins/postgres/postgres_introspection.hpp"
#include "plugins/postgres/postgres_migration_lock.hpp"
#include "plugins/postgres/postgres_notices.hpp"

#include <fmt/format.h>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include <atomic>

namespace fleet::plugins::postgres {

using engine::runtime::Row;
using engine::runtime::Rows;
using engine::url::DatabaseUrl;

struct PostgresConnection::Impl {
    DatabaseUrl url;
    std::string display;
    // Declared before notices: the handler must go before its connection.
    std::unique_ptr<pqxx::connection> connection;
    std::unique_ptr<NoticeForwarder> notices;
    bool in_transaction = false;
    bool failed_in_transaction = false;        // a statement failed since BEGIN
    std::chrono::milliseconds lock_timeout{0}; // the session's lock_timeout, 0: none set by us
    std::string watch_conninfo;                // for the blocker watch's own session
    std::unique_ptr<BlockerWatch> watch;       // made at the first set_statement_lock_timeout
    std::unique_ptr<AnswerWatchdog> watchdog;  // when options.answer_timeout is set
    // Why the connection is dead, once the watchdog gave up on it: every
    // later statement fails with the same words instead of libpq's.
    std::string gave_up;
    // Set by cancel(), from any thread: once cancelled, no new statement
    // starts (a cancel landing between two statements, or during a wait for
    // the migration lock, is not lost), only the rollback.
    std::atomic<bool> cancelled{false};

    pqxx::result run(const std::string& sql, bool even_if_cancelled = false) {
        if (!even_if_cancelled && cancelled.load(std::memory_order_acquire))
            throw DatabaseError(fmt::format("{}: cancelled (a stop was requested)", display),
                                "57014");
        if (!gave_up.empty()) {
            if (in_transaction) failed_in_transaction = true;
            throw ConnectionError(gave_up);
        }
        try {
            if (watchdog) watchdog->arm(connection->sock());
            pqxx::nontransaction work(*connection);
            pqxx::result result = work.exec(sql);
            // An answer in the very moment the time ran out still finds the
            // socket shut: the connection is as dead as if none had come.
            if (!watchdog || !watchdog->disarm()) return result;
        } catch (...) {
            if (in_transaction) failed_in_transaction = true;
            if (!watchdog || !watchdog->disarm()) throw;
        }
        if (in_transaction) failed_in_transaction = true;
        gave_up = fmt::format("no answer from {} within {} (connection.answer_timeout): gave up "
                              "on the connection",
                              display, describe_duration(watchdog->timeout()));
        throw ConnectionError(gave_up);
    }
};

PostgresConnection::PostgresConnection(const DatabaseUrl& url, const ConnectOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->url = url;
    m_impl->display = url.masked();
    if (url.scheme != "postgresql") {
        throw UsageError(fmt::format("'{}' is not a PostgreSQL URL", m_impl->display));
    }
    ConnectOptions watch_options = options;
    watch_options.application_name = options.application_name + " (lock watch)";
    m_impl->watch_conninfo = connection_string(url, watch_options);
    try {
        m_impl->connection = std::make_unique<pqxx::connection>(connection_string(url, options));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        // libpqxx 6 would otherwise reconnect behind our back after a lost
        // connection, and the next statement would run in a new session,
        // outside the transaction it belongs to.
        m_impl->connection->inhibit_reactivation(true);
#pragma GCC diagnostic pop
        m_impl->notices = std::make_unique<NoticeForwarder>(*m_impl->connection, options.on_notice);
        if (options.answer_timeout.count() > 0)
            m_impl->watchdog = std::make_unique<AnswerWatchdog>(options.answer_timeout);
    } catch (...) {
        try {
            rethrow_connect_error(url);
        } catch (const ConnectionError& error) {
            // libpq says only "timeout expired"; say which wait, and where
            // its length comes from.
            std::string message = error.what();
            if (message.find("timeout expired") == std::string::npos) throw;
            throw ConnectionError(message + fmt::format(" (no answer within {})",
                                                        connect_timeout_source(url, options)));
        }
    }
    try {
        // The session settings go in one message, one round trip for all: the
        // server runs them in order and stops at the first that fails, as
        // separate statements would. Not libpq's startup `options`: PgBouncer
        // refuses that parameter (before 1.20) or any setting in it it does not
        // track, where a SET passes through.
        std::string settings;
        if (!options.schema.empty())
            settings += "SET search_path TO " + search_path_value(options.schema) + ";";
        if (options.read_only) settings += "SET default_transaction_read_only = on;";
        // A fleet process killed in the middle of a long statement would
        // otherwise leave its backend running that statement to the end,
        // holding the migration lock the re-run needs. With this (PostgreSQL
        // 14 and later) the server notices the closed socket within a second
        // and ends the session, releasing its locks.
        if (m_impl->connection->server_version() >= 140000)
            settings += "SET client_connection_check_interval = 1000;";
        if (!settings.empty()) m_impl->run(settings);
    } catch (...) {
        rethrow_statement_error(url);
    }
}

PostgresConnection::~PostgresConnection() = default;

const engine::ops::Dialect& PostgresConnection::dialect() const {
    return PostgresDialect::instance();
}

namespace {

// Watches the statement running while it lives, when a lock timeout is set:
// half of it is long enough that the statement surely waits for a lock, and
// leaves the other half to look.
class WatchScope {
  public:
    WatchScope(BlockerWatch* watch, std::chrono::milliseconds lock_timeout)
        : m_watch(lock_timeout.count() > 0 ? watch : nullptr) {
        if (m_watch) m_watch->start(lock_timeout / 2);
    }
    ~WatchScope() {
        if (m_watch) m_watch->stop();
    }
    WatchScope(const WatchScope&) = delete;
    WatchScope& operator=(const WatchScope&) = delete;
    std::vector<engine::runtime::LockHolder> stop() {
        if (!m_watch) return {};
        auto found = m_watch->stop();
        m_watch = nullptr;
        return found;
    }

  private:
    BlockerWatch* m_watch;
};

} // namespace

long long PostgresConnection::execute(const std::string& sql) {
    WatchScope watch(m_impl->watch.get(), m_impl->lock_timeout);
    try {
        return static_cast<long long>(m_impl->run(sql).affected_rows());
    } catch (...) {
        auto blockers = watch.stop();
        try {
            rethrow_statement_error(m_impl->url);
        } catch (const DatabaseError& error) {
            if (!is_lock_timeout(error) || blockers.empty()) throw;
            std::string message = error.what();
            for (std::size_t i = 0; i < blockers.size(); ++i) {
                message += (i == 0 ? "; blocked by " : "; and by ") + describe(blockers[i]);
            }
            throw DatabaseError(message, error.sqlstate());
        }
    }
}

bool PostgresConnection::set_statement_lock_timeout(std::chrono::milliseconds timeout) {
    if (timeout.count() > 0) {
        execute(fmt::format("SET lock_timeout = {}", timeout.count()));
        if (!m_impl->watch) {
            m_impl->watch = std::make_unique<BlockerWatch>(m_impl->watch_conninfo, backend_pid());
        }
    } else {
        execute("RESET lock_timeout");
    }
    m_impl->lock_timeout = timeout.count() > 0 ? timeout : std::chrono::milliseconds(0);
    return true;
}

bool PostgresConnection::is_lock_timeout(const DatabaseError& error) const {
    return error.sqlstate() == "55P03";
}

Rows PostgresConnection::query(const std::string& sql) {
    try {
        pqxx::result result = m_impl->run(sql);
        Rows rows;
        rows.reserve(result.size());
        for (const auto& source : result) {
            Row row;
            row.reserve(source.size());
            for (const auto& field : source) {
                if (field.is_null()) {
                    row.emplace_back(std::nullopt);
                } else {
                    row.emplace_back(std::string(field.c_str(), field.size()));
                }
            }
            rows.push_back(std::move(row));
        }
        return rows;
    } catch (...) {
        rethrow_statement_error(m_impl->url);
    }
}

void PostgresConnection::begin() {
    if (m_impl->in_transaction) {
        throw DatabaseError(fmt::format("{}: a transaction is already open", m_impl->display),
                            "25001");
    }
    execute("BEGIN");
    m_impl->in_transaction = true;
    m_impl->failed_in_transaction = false;
}

void PostgresConnection::commit() {
    if (!m_impl->in_transaction) {
        throw DatabaseError(fmt::format("{}: no transaction is open to commit", m_impl->display),
                            "25P01");
    }
    // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK, not
    // with an error (and libpqxx 6.4 hides the command tag): remember the
    // failure ourselves so a failed transaction never reads as committed.
    if (m_impl->failed_in_transaction) {
        rollback();
        throw DatabaseError("cannot commit: a statement of the transaction failed, so it was "
                            "rolled back",
                            "25P02");
    }
    // Whatever COMMIT answers, the transaction is over: committed, rolled
    // back by the server, or gone with the connection.
    m_impl->in_transaction = false;
    execute("COMMIT");
}

void PostgresConnection::rollback() {
    if (!m_impl->in_transaction) return;
    m_impl->in_transaction = false;
    try {
        m_impl->run("ROLLBACK", true);
    } catch (...) {
        rethrow_statement_error(m_impl->url);
    }
}

bool PostgresConnection::in_transaction() const { return m_impl->in_transaction; }

bool PostgresConnection::table_exists(const std::string& schema, const std::string& table) {
    std::string where_schema = schema.empty()
                                   ? std::string("pg_catalog.pg_table_is_visible(c.oid) AND "
                                                 "n.nspname <> 'pg_catalog'")
                                   : "n.nspname = " + m_impl->connection->quote(schema);
    Rows rows =
        query(fmt::format("SELECT 1 FROM pg_catalog.pg_class c "
                          "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE c.relname = {} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {}",
                          m_impl->connection->quote(table), where_schema));
    return !rows.empty();
}

engine::schema::Schema PostgresConnection::read_schema(const std::vector<std::string>& excluded) {
    return postgres::read_schema(*this, excluded);
}

std::string PostgresConnection::display_url() const { return m_impl->display; }

void PostgresConnection::cancel() noexcept {
    try {
        if (!m_impl) return;
        m_impl->cancelled.store(true, std::memory_order_release);
        if (m_impl->connection) m_impl->connection->cancel_query();
    } catch (...) {
        // Best effort: a cancel that cannot be sent changes nothing.
    }
}

std::unique_ptr<engine::runtime::MigrationLock>
PostgresConnection::acquire_migration_lock(const engine::runtime::LockKey& key,
                                           std::chrono::milliseconds timeout) {
    return acquire_advisory_lock(*this, key, timeout);
}

std::vector<engine::runtime::LockHolder>
PostgresConnection::migration_lock_holders(const engine::runtime::LockKey& key) {
    return advisory_lock_holders(*this, key);
}

int PostgresConnection::backend_pid() const { return m_impl->connection->backendpid(); }

} // namespace fleet::plugins::postgres
