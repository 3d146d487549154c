#include "plugins/sqlite/sqlite_connection.hpp"

#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "plugins/sqlite/sqlite_error.hpp"
#include "plugins/sqlite/sqlite_introspection.hpp"
#include "plugins/sqlite/sqlite_migration_lock.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace fleet::plugins::sqlite {

namespace fs = std::filesystem;
using engine::runtime::Row;
using engine::runtime::Rows;
using engine::url::DatabaseUrl;

namespace {

// How the URL's ?mode= and the options ask the file to be opened.
enum class OpenMode { read_only, read_write, read_write_create };

OpenMode open_mode(const DatabaseUrl& url, const ConnectOptions& options) {
    if (options.read_only) return OpenMode::read_only;
    auto it = url.query.find("mode");
    if (it == url.query.end() || it->second == "rwc") return OpenMode::read_write_create;
    if (it->second == "ro") return OpenMode::read_only;
    if (it->second == "rw") return OpenMode::read_write;
    throw UsageError(
        fmt::format("invalid database URL '{}': mode must be ro, rw or rwc", url.masked()));
}

int busy_timeout_ms(const DatabaseUrl& url) {
    auto it = url.query.find("timeout");
    if (it == url.query.end()) return SqliteConnection::k_busy_timeout_ms;
    double seconds = -1;
    try {
        std::size_t used = 0;
        seconds = std::stod(it->second, &used);
        if (used != it->second.size()) seconds = -1;
    } catch (const std::exception&) {
        seconds = -1;
    }
    if (!(seconds >= 0 && seconds <= 86400)) {
        throw UsageError(fmt::format(
            "invalid database URL '{}': timeout must be a number of seconds", url.masked()));
    }
    return static_cast<int>(std::lround(seconds * 1000));
}

// The reason a file cannot be opened that SQLite would only call "unable to
// open database file"; empty when nothing is wrong that we can see.
std::string path_problem(const std::string& path, OpenMode mode) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec) absolute = path;
    fs::path folder = absolute.parent_path();
    if (!fs::is_directory(folder, ec)) {
        return fmt::format("folder {} does not exist (fleet creates no folders)", folder.string());
    }
    if (fs::is_directory(absolute, ec)) return fmt::format("{} is a folder", absolute.string());
    if (mode != OpenMode::read_write_create && !fs::exists(absolute, ec)) {
        return fmt::format("file {} does not exist", absolute.string());
    }
    return {};
}

// SQLite's process-wide settings, made once, before the first connection
// opens: sqlite3_config() only works before sqlite3_initialize(), which the
// first open calls. Thread-safe (a function-local static), so the first of
// several targets' threads to connect does it and the others wait.
//  - No memory statistics (SQLITE_CONFIG_MEMSTATUS, on by default): with
//    them every allocation of every connection takes one process-wide mutex
//    to keep its counters, so two targets migrating at once spent a third of
//    their time waiting on each other (perf: 35% under sqlite3Malloc, 316,000
//    futex calls for 200 tenant files). fleet never reads the statistics
//    (sqlite3_memory_used(), sqlite3_status()).
//  - Multi-thread mode instead of serialized: each connection is used by one
//    thread at a time (SqliteConnection's contract), so SQLite's
//    per-connection mutexes only cost. sqlite3_interrupt(), the one call
//    cancel() makes from another thread, takes no mutex in either mode.
// When something else in the process initialised SQLite first, both calls
// return SQLITE_MISUSE and the defaults stay: slower, never wrong.
void configure_sqlite_once() {
    static const bool k_configured = [] {
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)k_configured;
}

// Finalizes a prepared statement however the scope ends.
class StatementGuard {
  public:
    explicit StatementGuard(sqlite3_stmt* statement) : m_statement(statement) {}
    ~StatementGuard() { sqlite3_finalize(m_statement); }
    StatementGuard(const StatementGuard&) = delete;
    StatementGuard& operator=(const StatementGuard&) = delete;

  private:
    sqlite3_stmt* m_statement;
};

} // namespace

struct SqliteConnection::Impl {
    DatabaseUrl url;
    std::string display;
    OpenMode mode = OpenMode::read_write_create;
    std::string application; // written into the lock file for waiters to read
    std::string lock_path;   // "<db>-fleet.lock"; empty in memory
    std::unique_ptr<SQLite::Database> database;
    // Set by cancel(), from any thread: once cancelled, no new statement
    // starts (a cancel landing between two statements is not lost), only the
    // rollback that undoes the transaction.
    std::atomic<bool> cancelled{false};

    sqlite3* handle() const { return database->getHandle(); }
    void refuse_if_cancelled() const {
        if (cancelled.load(std::memory_order_acquire))
            throw DatabaseError(fmt::format("{}: cancelled (a stop was requested)", display));
    }

    // Runs each statement of sql; on_row sees every row of every statement.
    template <typename OnStatement, typename OnRow>
    void run(const std::string& sql, OnStatement on_statement, OnRow on_row) {
        sqlite3* db = handle();
        const char* next = sql.c_str();
        const char* end = next + sql.size();
        while (next < end) {
            sqlite3_stmt* statement = nullptr;
            int rc = sqlite3_prepare_v2(db, next, static_cast<int>(end - next), &statement, &next);
            if (rc != SQLITE_OK) throw_sqlite_error(db, rc);
            if (statement == nullptr) continue; // only blanks or a comment were left
            StatementGuard guard(statement);
            on_statement(statement);
            while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
                on_row(statement);
            if (rc != SQLITE_DONE) throw_sqlite_error(db, rc);
        }
    }
};

SqliteConnection::SqliteConnection(const DatabaseUrl& url, const ConnectOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    configure_sqlite_once();
    m_impl->url = url;
    m_impl->display = url.masked();
    if (url.scheme != "sqlite") {
        throw UsageError(fmt::format("'{}' is not a SQLite URL", m_impl->display));
    }
    if (!options.schema.empty()) {
        throw UsageError(fmt::format("{}: SQLite has no schemas, so schema '{}' cannot be used",
                                     m_impl->display, options.schema));
    }
    m_impl->mode = open_mode(url, options);
    m_impl->application = options.application_name;
    if (!url.in_memory()) m_impl->lock_path = lock_file_path(url.database);
    int timeout = busy_timeout_ms(url);
    if (!url.in_memory()) {
        if (std::string problem = path_problem(url.database, m_impl->mode); !problem.empty()) {
            throw ConnectionError(
                fmt::format("cannot connect to {}: {}", m_impl->display, problem));
        }
    }
    int flags = SQLite::OPEN_READONLY;
    if (m_impl->mode == OpenMode::read_write) flags = SQLite::OPEN_READWRITE;
    if (m_impl->mode == OpenMode::read_write_create) {
        flags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
    }
    try {
        m_impl->database = std::make_unique<SQLite::Database>(url.database, flags, timeout);
        // A file that is not a database opens fine and fails at its first read:
        // make that read now, so the error says which file.
        m_impl->run(
            "SELECT count(*) FROM sqlite_master", [](sqlite3_stmt*) {}, [](sqlite3_stmt*) {});
    } catch (...) {
        rethrow_as_connection_error(m_impl->display);
    }
}

SqliteConnection::~SqliteConnection() = default;

const engine::ops::Dialect& SqliteConnection::dialect() const { return SqliteDialect::instance(); }

const engine::ops::Capabilities& SqliteConnection::capabilities() const {
    // The library is linked once per process: its version cannot change.
    static const engine::ops::Capabilities k_library = [] {
        auto flags = SqliteDialect::instance().capabilities();
        const int version = sqlite3_libversion_number();
        flags.rename_column = version >= 3025000;
        flags.drop_column = version >= 3035000;
        return flags;
    }();
    return k_library;
}

long long SqliteConnection::execute(const std::string& sql) {
    m_impl->refuse_if_cancelled();
    try {
        sqlite3* db = m_impl->handle();
        sqlite3_int64 before = sqlite3_total_changes64(db);
        m_impl->run(
            sql, [](sqlite3_stmt*) {}, [](sqlite3_stmt*) {});
        // sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE even
        // across DDL; the total tells whether this call changed anything at all.
        if (sqlite3_total_changes64(db) == before) return 0;
        return sqlite3_changes64(db);
    } catch (...) {
        rethrow_as_database_error();
    }
}

Rows SqliteConnection::query(const std::string& sql) {
    m_impl->refuse_if_cancelled();
    try {
        Rows rows;
        m_impl->run(
            sql,
            [&rows](sqlite3_stmt* statement) {
                if (sqlite3_column_count(statement) > 0) rows.clear();
            },
            [&rows](sqlite3_stmt* statement) {
                int columns = sqlite3_column_count(statement);
                Row row;
                row.reserve(static_cast<std::size_t>(columns));
                for (int i = 0; i < columns; ++i) {
                    if (sqlite3_column_type(statement, i) == SQLITE_NULL) {
                        row.emplace_back(std::nullopt);
                        continue;
                    }
                    const auto* text =
                        reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
                    int size = sqlite3_column_bytes(statement, i);
                    row.emplace_back(text != nullptr
                                         ? std::string(text, static_cast<std::size_t>(size))
                                         : std::string());
                }
                rows.push_back(std::move(row));
            });
        return rows;
    } catch (...) {
        rethrow_as_database_error();
    }
}

void SqliteConnection::begin() {
    if (in_transaction()) {
        throw DatabaseError(fmt::format("{}: a transaction is already open", m_impl->display));
    }
    execute(m_impl->mode == OpenMode::read_only ? "BEGIN" : "BEGIN IMMEDIATE");
}

void SqliteConnection::commit() {
    if (!in_transaction()) {
        throw DatabaseError(fmt::format("{}: no transaction is open to commit", m_impl->display));
    }
    try {
        execute("COMMIT");
    } catch (const DatabaseError& error) {
        // SQLite keeps the transaction open after some failed COMMITs
        // (SQLITE_FULL writing the pages it held in memory, a deferred
        // foreign key, SQLITE_BUSY); end it here, keeping nothing of it.
        try {
            rollback();
        } catch (const DatabaseError&) {
            // Closing the connection rolls it back anyway; the COMMIT's error
            // is the one to report.
        }
        throw DatabaseError(
            fmt::format("COMMIT failed, so the transaction was rolled back: {}", error.what()));
    }
}

void SqliteConnection::rollback() {
    if (!in_transaction()) return;
    try {
        m_impl->run(
            "ROLLBACK", [](sqlite3_stmt*) {}, [](sqlite3_stmt*) {});
    } catch (...) {
        rethrow_as_database_error();
    }
}

bool SqliteConnection::in_transaction() const {
    return sqlite3_get_autocommit(m_impl->handle()) == 0;
}

bool SqliteConnection::table_exists(const std::string& schema, const std::string& table) {
    const SqliteDialect& dialect = SqliteDialect::instance();
    if (!schema.empty()) {
        Rows attached = query(fmt::format("SELECT 1 FROM pragma_database_list WHERE name = {}",
                                          dialect.quote_literal(schema)));
        if (attached.empty()) return false;
    }
    std::string master = schema.empty() ? std::string("sqlite_master")
                                        : dialect.quote_identifier(schema) + ".sqlite_master";
    Rows rows =
        query(fmt::format("SELECT 1 FROM {} WHERE type = 'table' AND name = {} COLLATE NOCASE",
                          master, dialect.quote_literal(table)));
    return !rows.empty();
}

engine::schema::Schema SqliteConnection::read_schema(const std::vector<std::string>& excluded) {
    return sqlite::read_schema(*this, excluded);
}

std::string SqliteConnection::display_url() const { return m_impl->display; }

void SqliteConnection::cancel() noexcept {
    if (!m_impl) return;
    m_impl->cancelled.store(true, std::memory_order_release);
    if (m_impl->database) sqlite3_interrupt(m_impl->handle());
}

std::unique_ptr<engine::runtime::MigrationLock>
SqliteConnection::acquire_migration_lock(const engine::runtime::LockKey&,
                                         std::chrono::milliseconds timeout) {
    if (m_impl->lock_path.empty()) return nullptr;
    const Impl* impl = m_impl.get();
    return acquire_file_lock(m_impl->lock_path, "the migration lock of " + m_impl->display,
                             m_impl->application, timeout,
                             [impl] { return impl->cancelled.load(std::memory_order_acquire); });
}

std::vector<engine::runtime::LockHolder>
SqliteConnection::migration_lock_holders(const engine::runtime::LockKey&) {
    if (m_impl->lock_path.empty()) return {};
    return file_lock_holders(m_impl->lock_path);
}

const std::string& SqliteConnection::path() const { return m_impl->url.database; }

} // namespace fleet::plugins::sqlite
