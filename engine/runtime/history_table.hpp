#pragma once

#include "engine/runtime/sql_sink.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fleet::engine::runtime {

// What one step of a run was, for its fleet_history row.
struct HistoryStep {
    std::string run_id;    // random id of the fleet invocation
    int step = 0;          // 1, 2, ... within the run
    std::string revision;  // the revision upgraded, downgraded or stamped
    std::string direction; // "upgrade", "downgrade" or "stamp"
    std::string checksum;  // SHA-256 of the script as it ran; empty for stamps
};

// A revision whose newest fleet_history row did not end well: "running" (the
// process died inside a transactional: false step) or "failed" (such a step
// failed after some of its statements had committed).
struct UnfinishedStep {
    std::string revision;
    std::string direction;  // "upgrade" or "downgrade"
    std::string outcome;    // "running" or "failed"
    std::string started_at; // ISO 8601, as recorded
};

// A time as SQL: a literal for live runs (measured by fleet), or an expression
// the database evaluates when a DBA runs an offline script later.
struct SqlTime {
    std::string sql;
};

// fleet_history, in the version table's schema: one row per step run, so
// fleet can tell scripts edited after they ran and steps left half-done.
// Portable DDL (text times, a composite key) keeps one shape on every dialect.
class HistoryTable {
  public:
    static constexpr const char* k_name = "fleet_history";

    explicit HistoryTable(std::string schema) : m_schema(std::move(schema)) {}

    bool exists(Connection& connection) const;
    // CREATE TABLE IF NOT EXISTS: an offline script cannot know whether an
    // earlier run made it, so live and offline runs both say it this way.
    void create(SqlSink& sink) const;

    // One finished step, written in the step's own transaction so the row and
    // the step commit or vanish together.
    void record_done(SqlSink& sink, const HistoryStep& step, const SqlTime& started,
                     const SqlTime& finished, std::optional<long long> duration_ms) const;
    // A step about to run outside any transaction: marked "running" first so a
    // crash inside it stays visible as a half-done step...
    void record_started(SqlSink& sink, const HistoryStep& step, const SqlTime& started) const;
    // ...and closed with "done" or "failed" when it ends.
    void record_finished(SqlSink& sink, const HistoryStep& step, const std::string& outcome,
                         const SqlTime& finished, std::optional<long long> duration_ms) const;
    // An operator's `fleet mark-done`: the half-done step was finished (or
    // found complete) by hand. Its own row, "marked_done", so the history
    // keeps both what fleet ran and what a person declared.
    void record_marked_done(SqlSink& sink, const HistoryStep& step, const SqlTime& at) const;

    // Steps left half-done, oldest first: per revision, the newest row (by
    // start time, then step) when it is "running" or "failed". A later "done"
    // or "marked_done" of the same revision clears it. Empty when the table
    // is missing; reads only, through the connection.
    std::vector<UnfinishedStep> unfinished(Connection& connection) const;

  private:
    std::string qualified(const ops::Dialect& dialect) const;
    void insert(SqlSink& sink, const HistoryStep& step, const std::string& outcome,
                const SqlTime& started, const std::string& finished_sql,
                const std::string& duration_sql) const;

    std::string m_schema;
};

} // namespace fleet::engine::runtime
