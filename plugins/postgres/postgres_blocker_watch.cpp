#include "plugins/postgres/postgres_blocker_watch.hpp"

#include <fmt/format.h>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>

namespace fleet::plugins::postgres {

using engine::runtime::LockHolder;

namespace {

// How much of a blocker's query a message shows.
constexpr int k_query_chars = 200;

std::string field(const pqxx::row& row, int column) {
    return row[column].is_null() ? std::string() : std::string(row[column].c_str());
}

} // namespace

struct BlockerWatch::Monitor {
    std::unique_ptr<pqxx::connection> connection;
};

BlockerWatch::BlockerWatch(std::string conninfo, int backend_pid)
    : m_conninfo(std::move(conninfo)), m_backend_pid(backend_pid),
      m_monitor(std::make_unique<Monitor>()) {}

BlockerWatch::~BlockerWatch() { stop(); }

void BlockerWatch::start(std::chrono::milliseconds after) {
    stop();
    {
        std::lock_guard lock(m_mutex);
        m_stopped = false;
        m_found.clear();
    }
    m_thread = std::thread([this, after] {
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, after, [this] { return m_stopped; })) return;
        lock.unlock();
        look();
    });
}

std::vector<LockHolder> BlockerWatch::stop() noexcept {
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lock(m_mutex);
    return std::move(m_found);
}

void BlockerWatch::look() {
    std::vector<LockHolder> found;
    try {
        if (!m_monitor->connection)
            m_monitor->connection = std::make_unique<pqxx::connection>(m_conninfo);
        pqxx::nontransaction work(*m_monitor->connection);
        pqxx::result rows = work.exec(
            fmt::format("SELECT a.pid, coalesce(a.application_name, ''), "
                        "coalesce(host(a.client_addr), CASE WHEN a.client_port = -1 THEN 'local "
                        "socket' END, ''), "
                        "coalesce(to_char(a.xact_start AT TIME ZONE 'UTC', "
                        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
                        "coalesce(a.state, ''), coalesce(left(a.query, {}), '') "
                        "FROM pg_catalog.pg_stat_activity a "
                        "WHERE a.pid = ANY (pg_catalog.pg_blocking_pids({})) ORDER BY a.pid",
                        k_query_chars, m_backend_pid));
        for (const auto& row : rows) {
            LockHolder holder;
            holder.pid = row[0].as<long long>();
            holder.application = field(row, 1);
            holder.client = field(row, 2);
            holder.since = field(row, 3);
            std::string state = field(row, 4);
            std::string query = field(row, 5);
            holder.activity = fmt::format("state {}, {}: {}", state,
                                          state == "active" ? "running" : "last query", query);
            found.push_back(std::move(holder));
        }
    } catch (...) {
        // Naming the blocker is a courtesy; the statement's own failure is
        // reported either way. Drop a session that failed: the next look
        // opens a new one.
        m_monitor->connection.reset();
    }
    std::lock_guard lock(m_mutex);
    m_found = std::move(found);
}

} // namespace fleet::plugins::postgres
