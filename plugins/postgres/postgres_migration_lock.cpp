#include "plugins/postgres/postgres_migration_lock.hpp"

#include "engine/util/backoff.hpp"
#include "plugins/postgres/postgres_dialect.hpp"

#include <fmt/format.h>

namespace fleet::plugins::postgres {

using engine::runtime::Connection;
using engine::runtime::LockHolder;
using engine::runtime::LockKey;
using engine::runtime::LockTimeout;
using engine::runtime::MigrationLock;

namespace {

constexpr std::uint64_t k_fnv_offset = 14695981039346656037ULL;
constexpr std::uint64_t k_fnv_prime = 1099511628211ULL;
// How much of a holder's query a message shows.
constexpr int k_query_chars = 200;

void fnv1a(std::uint64_t& hash, const std::string& text) {
    for (unsigned char c : text) {
        hash ^= c;
        hash *= k_fnv_prime;
    }
    // A zero byte after each name, so "ab"+"c" and "a"+"bc" hash apart.
    hash *= k_fnv_prime;
}

std::string text_of(const engine::runtime::Row& row, std::size_t column) {
    return column < row.size() && row[column] ? *row[column] : std::string();
}

// The database and the schema the lock is for: key.schema, or where an
// unqualified version table goes (the first schema of search_path).
struct LockTarget {
    std::string database;
    std::string schema;
    std::int64_t id = 0;
};

// Where the first row of a query starting with current_database(),
// coalesce(current_schema(), 'public') says key's lock is.
LockTarget lock_target(const engine::runtime::Rows& rows, const LockKey& key) {
    LockTarget target;
    target.database = text_of(rows.at(0), 0);
    target.schema = key.schema.empty() ? text_of(rows.at(0), 1) : key.schema;
    target.id = advisory_lock_id(target.database, target.schema, key.table);
    return target;
}

LockTarget resolve(Connection& connection, const LockKey& key) {
    return lock_target(
        connection.query("SELECT current_database(), coalesce(current_schema(), 'public')"), key);
}

// pg_advisory_lock(bigint) shows in pg_locks as classid = high 32 bits,
// objid = low 32 bits, objsubid = 1.
std::string classid_of(std::int64_t id) {
    return std::to_string(static_cast<std::uint64_t>(id) >> 32);
}
std::string objid_of(std::int64_t id) {
    return std::to_string(static_cast<std::uint64_t>(id) & 0xffffffffULL);
}

// The granted session advisory locks of this database, as pg_locks columns.
constexpr const char* k_advisory_locks =
    "FROM pg_catalog.pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
    "AND l.objsubid = 1 "
    "AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())";

// Who the backends pids are, in pid order; a pid that ended meanwhile is left
// out, as it no longer holds anything.
std::vector<LockHolder> describe_backends(Connection& connection,
                                          const std::vector<std::string>& pids) {
    std::string list;
    for (const auto& pid : pids)
        list += (list.empty() ? "" : ", ") + std::to_string(std::stoll(pid));
    auto rows = connection.query(fmt::format(
        "SELECT a.pid, coalesce(a.application_name, ''), "
        "coalesce(host(a.client_addr), CASE WHEN a.client_port = -1 THEN 'local socket' END, ''), "
        "coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
        "''), "
        "coalesce(a.state, ''), coalesce(left(a.query, {}), '') "
        "FROM pg_catalog.pg_stat_activity a WHERE a.pid IN ({}) ORDER BY a.pid",
        k_query_chars, list));
    std::vector<LockHolder> holders;
    for (const auto& row : rows) {
        LockHolder holder;
        holder.pid = std::stoll(text_of(row, 0));
        holder.application = text_of(row, 1);
        holder.client = text_of(row, 2);
        holder.since = text_of(row, 3);
        std::string state = text_of(row, 4);
        std::string query = text_of(row, 5);
        if (!state.empty()) holder.activity = "state " + state;
        if (!query.empty())
            holder.activity += (holder.activity.empty() ? "" : ", ") +
                               std::string(state == "active" ? "running: " : "last query: ") +
                               query;
        holders.push_back(std::move(holder));
    }
    return holders;
}

std::vector<LockHolder> holders_of(Connection& connection, std::int64_t id) {
    // pg_locks alone first: joining pg_stat_activity costs more than the
    // lock table, and the lock is free nearly every time it is asked about.
    std::vector<std::string> pids;
    for (const auto& row :
         connection.query(fmt::format("SELECT l.pid {} AND l.classid = {}::bigint::oid "
                                      "AND l.objid = {}::bigint::oid",
                                      k_advisory_locks, classid_of(id), objid_of(id))))
        pids.push_back(text_of(row, 0));
    if (pids.empty()) return {};
    return describe_backends(connection, pids);
}

class AdvisoryLock final : public MigrationLock {
  public:
    AdvisoryLock(Connection& connection, std::int64_t id) : m_connection(connection), m_id(id) {}
    ~AdvisoryLock() override {
        try {
            release();
        } catch (...) {
            // The server releases it when the session ends.
        }
    }
    AdvisoryLock(const AdvisoryLock&) = delete;
    AdvisoryLock& operator=(const AdvisoryLock&) = delete;

    void release() override {
        if (m_released) return;
        m_released = true;
        // An aborted transaction would refuse the unlock; nothing of it is
        // worth keeping once the lock goes.
        if (m_connection.in_transaction()) m_connection.rollback();
        m_connection.query(fmt::format("SELECT pg_advisory_unlock({})", m_id));
    }

  private:
    Connection& m_connection;
    std::int64_t m_id;
    bool m_released = false;
};

} // namespace

std::int64_t advisory_lock_id(const std::string& database, const std::string& schema,
                              const std::string& table) {
    std::uint64_t hash = k_fnv_offset;
    fnv1a(hash, "fleet migration lock");
    fnv1a(hash, database);
    fnv1a(hash, schema);
    fnv1a(hash, table);
    return static_cast<std::int64_t>(hash);
}

std::unique_ptr<MigrationLock> acquire_advisory_lock(Connection& connection, const LockKey& key,
                                                     std::chrono::milliseconds timeout) {
    LockTarget target = resolve(connection, key);
    const std::string try_lock = fmt::format("SELECT pg_try_advisory_lock({})", target.id);
    bool taken = engine::util::poll_with_backoff(
        [&] { return text_of(connection.query(try_lock).at(0), 0) == "t"; }, timeout);
    if (!taken) {
        const auto& dialect = PostgresDialect::instance();
        throw LockTimeout(fmt::format("the migration lock of {} ({})", connection.display_url(),
                                      dialect.qualified_table(target.schema, key.table)),
                          timeout, holders_of(connection, target.id));
    }
    return std::make_unique<AdvisoryLock>(connection, target.id);
}

std::vector<LockHolder> advisory_lock_holders(Connection& connection, const LockKey& key) {
    // One round trip where the lock is free (nearly always, and what `fleet
    // status` asks of every target): the names the key hashes over and every
    // advisory lock held in this database come back together, and the key is
    // matched here. The LEFT JOIN keeps the names when no lock is held.
    auto rows = connection.query(fmt::format(
        "SELECT current_database(), coalesce(current_schema(), 'public'), l.pid, l.classid, "
        "l.objid "
        "FROM (SELECT 1) AS one LEFT JOIN (SELECT l.pid, l.classid, l.objid {}) AS l ON true",
        k_advisory_locks));
    LockTarget target = lock_target(rows, key);
    std::vector<std::string> pids;
    for (const auto& row : rows) {
        if (text_of(row, 2).empty()) continue;
        if (text_of(row, 3) == classid_of(target.id) && text_of(row, 4) == objid_of(target.id))
            pids.push_back(text_of(row, 2));
    }
    if (pids.empty()) return {};
    return describe_backends(connection, pids);
}

} // namespace fleet::plugins::postgres
