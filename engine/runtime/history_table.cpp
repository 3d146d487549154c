#include "engine/runtime/history_table.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace fleet::engine::runtime {

namespace {

std::string host_name() {
    char buffer[256] = {};
    if (gethostname(buffer, sizeof buffer - 1) != 0) return "unknown";
    return buffer;
}

std::string duration_sql(std::optional<long long> duration_ms) {
    return duration_ms ? std::to_string(*duration_ms) : "NULL";
}

} // namespace

std::string HistoryTable::qualified(const ops::Dialect& dialect) const {
    return dialect.qualified_table(m_schema, k_name);
}

bool HistoryTable::exists(Connection& connection) const {
    return connection.table_exists(m_schema, k_name);
}

void HistoryTable::create(SqlSink& sink) const {
    sink.execute(fmt::format(
        "CREATE TABLE IF NOT EXISTS {} (\n"
        "    run_id VARCHAR(32) NOT NULL, \n"
        "    step INTEGER NOT NULL, \n"
        "    revision VARCHAR(32) NOT NULL, \n"
        "    direction VARCHAR(16) NOT NULL, \n"
        "    checksum VARCHAR(64), \n"
        "    started_at VARCHAR(40) NOT NULL, \n"
        "    finished_at VARCHAR(40), \n"
        "    duration_ms BIGINT, \n"
        "    outcome VARCHAR(16) NOT NULL, \n"
        "    fleet_version VARCHAR(32) NOT NULL, \n"
        "    host VARCHAR(255) NOT NULL, \n"
        "    CONSTRAINT {} PRIMARY KEY (run_id, step)\n)",
        qualified(sink.dialect()), sink.dialect().quote_identifier("fleet_history_pkc")));
}

void HistoryTable::insert(SqlSink& sink, const HistoryStep& step, const std::string& outcome,
                          const SqlTime& started, const std::string& finished_sql,
                          const std::string& duration) const {
    const auto& d = sink.dialect();
    sink.execute(fmt::format(
        "INSERT INTO {} (run_id, step, revision, direction, checksum, started_at, finished_at, "
        "duration_ms, outcome, fleet_version, host) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
        qualified(d), d.quote_literal(step.run_id), step.step, d.quote_literal(step.revision),
        d.quote_literal(step.direction),
        step.checksum.empty() ? "NULL" : d.quote_literal(step.checksum), started.sql, finished_sql,
        duration, d.quote_literal(outcome), d.quote_literal(FLEET_VERSION),
        d.quote_literal(host_name())));
}

void HistoryTable::record_done(SqlSink& sink, const HistoryStep& step, const SqlTime& started,
                               const SqlTime& finished, std::optional<long long> duration_ms) const {
    insert(sink, step, "done", started, finished.sql, duration_sql(duration_ms));
}

void HistoryTable::record_started(SqlSink& sink, const HistoryStep& step,
                                  const SqlTime& started) const {
    insert(sink, step, "running", started, "NULL", "NULL");
}

void HistoryTable::record_finished(SqlSink& sink, const HistoryStep& step, const std::string& outcome,
                                   const SqlTime& finished,
                                   std::optional<long long> duration_ms) const {
    const auto& d = sink.dialect();
    sink.execute(fmt::format(
        "UPDATE {} SET outcome={}, finished_at={}, duration_ms={} WHERE run_id = {} AND step = {}",
        qualified(d), d.quote_literal(outcome), finished.sql, duration_sql(duration_ms),
        d.quote_literal(step.run_id), step.step));
}

} // namespace fleet::engine::runtime
