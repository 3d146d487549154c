#include "engine/runtime/history_table.hpp"

#include "engine/util/host.hpp"

#include <fmt/format.h>

#include <map>

namespace fleet::engine::runtime {

namespace {

// A history row names its host; a NULL there would read as "not recorded".
std::string host_or_unknown() {
    std::string host = util::host_name();
    return host.empty() ? "unknown" : host;
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
    sink.execute(fmt::format("CREATE TABLE IF NOT EXISTS {} (\n"
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
                             qualified(sink.dialect()),
                             sink.dialect().quote_identifier("fleet_history_pkc")));
}

void HistoryTable::insert(SqlSink& sink, const HistoryStep& step, const std::string& outcome,
                          const SqlTime& started, const std::string& finished_sql,
                          const std::string& duration) const {
    const auto& d = sink.dialect();
    sink.execute(fmt::format(
        "INSERT INTO {} (run_id, step, revision, direction, checksum, started_at, finished_at, "
        "duration_ms, outcome, fleet_version, host) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, "
        "{}, {})",
        qualified(d), d.quote_literal(step.run_id), step.step, d.quote_literal(step.revision),
        d.quote_literal(step.direction),
        step.checksum.empty() ? "NULL" : d.quote_literal(step.checksum), started.sql, finished_sql,
        duration, d.quote_literal(outcome), d.quote_literal(FLEET_VERSION),
        d.quote_literal(host_or_unknown())));
}

void HistoryTable::record_done(SqlSink& sink, const HistoryStep& step, const SqlTime& started,
                               const SqlTime& finished,
                               std::optional<long long> duration_ms) const {
    insert(sink, step, "done", started, finished.sql, duration_sql(duration_ms));
}

void HistoryTable::record_started(SqlSink& sink, const HistoryStep& step,
                                  const SqlTime& started) const {
    insert(sink, step, "running", started, "NULL", "NULL");
}

void HistoryTable::record_finished(SqlSink& sink, const HistoryStep& step,
                                   const std::string& outcome, const SqlTime& finished,
                                   std::optional<long long> duration_ms) const {
    const auto& d = sink.dialect();
    sink.execute(fmt::format(
        "UPDATE {} SET outcome={}, finished_at={}, duration_ms={} WHERE run_id = {} AND step = {}",
        qualified(d), d.quote_literal(outcome), finished.sql, duration_sql(duration_ms),
        d.quote_literal(step.run_id), step.step));
}

void HistoryTable::record_marked_done(SqlSink& sink, const HistoryStep& step,
                                      const SqlTime& at) const {
    insert(sink, step, "marked_done", at, at.sql, "NULL");
}

std::vector<UnfinishedStep> HistoryTable::unfinished(Connection& connection) const {
    if (!exists(connection)) return {};
    const auto& d = connection.dialect();
    // Only the revisions that ever had a bad row, so a long history of clean
    // runs is not read in full before every upgrade. Times have millisecond
    // precision: a retry can start in the same millisecond as the failure it
    // follows, so on a tie the good row counts as the later one (one run
    // never runs a revision twice, so a tie is always two runs).
    auto rows = connection.query(fmt::format(
        "SELECT revision, direction, outcome, started_at FROM {0} WHERE revision IN "
        "(SELECT revision FROM {0} WHERE outcome IN ('running', 'failed')) "
        "ORDER BY started_at, CASE WHEN outcome IN ('running', 'failed') THEN 0 ELSE 1 END, step",
        qualified(d)));
    std::map<std::string, UnfinishedStep> newest;
    std::vector<std::string> order; // revisions as first seen, for a stable report
    for (const auto& row : rows) {
        auto text = [&](std::size_t i) {
            return i < row.size() && row[i] ? *row[i] : std::string();
        };
        UnfinishedStep step{text(0), text(1), text(2), text(3)};
        if (!newest.count(step.revision)) order.push_back(step.revision);
        newest[step.revision] = std::move(step);
    }
    std::vector<UnfinishedStep> unfinished;
    for (const auto& revision : order) {
        const auto& step = newest.at(revision);
        if (step.outcome == "running" || step.outcome == "failed") unfinished.push_back(step);
    }
    return unfinished;
}

} // namespace fleet::engine::runtime
