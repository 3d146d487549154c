#include "engine/error.hpp"
#include "engine/util/duration.hpp"
#include "orchestrator/lint/facts_reader.hpp"
#include "orchestrator/lint/statement_deadline.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

namespace fleet::orchestrator::lint {

namespace {

using engine::lint::TableFacts;
using engine::lint::TargetFacts;
using engine::runtime::Connection;

std::optional<std::string> single(Connection& connection, const std::string& sql) {
    const auto rows = connection.query(sql);
    if (rows.empty() || rows.front().empty()) return std::nullopt;
    return rows.front().front();
}

TableFacts read_table(Connection& connection, const std::string& name, bool exact) {
    const auto& dialect = connection.dialect();
    const std::string literal = dialect.quote_literal(name);
    const std::string table = dialect.quote_identifier(name);
    TableFacts facts;

    // Counting reads the whole table, and so does max(rowid) but for a
    // rowid table, where it reads one page: the estimate a large file gets
    // (rows deleted since still count).
    const bool without_rowid =
        single(connection,
               fmt::format("SELECT wr FROM pragma_table_list WHERE name = {} AND schema = 'main'",
                           literal))
            .value_or("0") == "1";
    const bool count = exact || without_rowid;
    facts.rows = std::stod(
        single(connection,
               (count ? "SELECT count(*) FROM " : "SELECT coalesce(max(rowid), 0) FROM ") + table)
            .value_or("0"));

    // The table's and its indexes' pages, as dbstat walks them.
    if (exact)
        facts.bytes = std::stoll(
            single(connection, fmt::format("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE "
                                           "name IN (SELECT name FROM sqlite_master WHERE "
                                           "tbl_name = {} AND type IN ('table', 'index'))",
                                           literal))
                .value_or("0"));

    // Each whole-table index's columns in order, up to the first expression
    // (or rowid) one.
    const auto columns =
        connection.query(fmt::format("SELECT il.name, ii.name FROM pragma_index_list({}) il "
                                     "JOIN pragma_index_info(il.name) ii WHERE il.partial = 0 "
                                     "ORDER BY il.seq, ii.seqno",
                                     literal));
    std::string index;
    bool stopped = false;
    for (const auto& row : columns) {
        if (row.at(0).value_or("") != index) {
            index = row.at(0).value_or("");
            stopped = false;
            if (row.at(1)) facts.index_columns.emplace_back();
        }
        if (stopped || !row.at(1)) {
            stopped = true;
            continue;
        }
        facts.index_columns.back().push_back(*row.at(1));
    }

    facts.referenced_by_foreign_keys =
        single(connection, fmt::format("SELECT 1 FROM sqlite_master m "
                                       "JOIN pragma_foreign_key_list(m.name) f "
                                       "WHERE m.type = 'table' AND f.\"table\" = {} "
                                       "COLLATE NOCASE LIMIT 1",
                                       literal))
            .has_value();
    return facts;
}

void read_file_facts(Connection& connection, const std::set<std::string>& tables,
                     const FactsOptions& options, TargetFacts& facts) {
    // A deferred BEGIN: one state of the file for every read, and no write
    // lock (Connection::begin() takes one on a writable connection). Never
    // committed: closing the connection ends it too.
    connection.execute("BEGIN");
    const long long file_bytes = std::stoll(
        single(connection, "SELECT page_size * page_count FROM pragma_page_size, pragma_page_count")
            .value_or("0"));
    const bool exact = file_bytes <= options.sqlite_exact_up_to_bytes;
    for (const auto& name : tables) {
        // The name as the file spells it: SQLite's names ignore case.
        const auto found =
            single(connection, fmt::format("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name = {} COLLATE NOCASE",
                                           connection.dialect().quote_literal(name)));
        if (found) facts.tables[name] = read_table(connection, *found, exact);
    }
    connection.execute("ROLLBACK");
}

// SQLite has no statement_timeout: the whole read is interrupted when the
// time runs out.
void read_sqlite(Connection& connection, const std::set<std::string>& tables,
                 const FactsOptions& options, TargetFacts& facts) {
    StatementDeadline deadline(connection, options.timeout);
    try {
        read_file_facts(connection, tables, options, facts);
    } catch (const DatabaseError&) {
        if (!deadline.expired()) throw;
        throw Error(fmt::format("reading took longer than {} and was stopped",
                                engine::util::format_duration(options.timeout)),
                    ExitCode::failed);
    }
}

constexpr FactsReader k_sqlite_reader{"sqlite", read_sqlite};

} // namespace

const FactsReader& sqlite_facts_reader() noexcept { return k_sqlite_reader; }

} // namespace fleet::orchestrator::lint
