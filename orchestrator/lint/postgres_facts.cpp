#include "engine/error.hpp"
#include "engine/util/duration.hpp"
#include "orchestrator/lint/facts_reader.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fleet::orchestrator::lint {

namespace {

using engine::lint::OpenTransaction;
using engine::lint::TableFacts;
using engine::lint::TargetFacts;
using engine::runtime::Connection;

const std::string& text(const engine::runtime::Row& row, std::size_t column) {
    static const std::string k_null;
    const auto& field = row.at(column);
    return field ? *field : k_null;
}

// The tables asked for, each with its relation found as the target's
// search_path finds it (to_regclass: NULL when there is none), as a WITH
// clause the queries below start from.
std::string wanted(const Connection& connection, const std::set<std::string>& tables) {
    const auto& dialect = connection.dialect();
    std::string values;
    for (const auto& name : tables) {
        const auto dot = name.find('.');
        const std::string relation = dot == std::string::npos
                                         ? dialect.quote_identifier(name)
                                         : dialect.quote_identifier(name.substr(0, dot)) + "." +
                                               dialect.quote_identifier(name.substr(dot + 1));
        if (!values.empty()) values += ", ";
        values +=
            fmt::format("({}, {})", dialect.quote_literal(name), dialect.quote_literal(relation));
    }
    return fmt::format("WITH wanted(name, oid) AS (SELECT v.name, pg_catalog.to_regclass(v.reg) "
                       "FROM (VALUES {}) AS v(name, reg))",
                       values);
}

// A leaf's row count as the planner would guess it: the density ANALYZE or
// VACUUM last saw (reltuples per relpages) times the pages there are now,
// so rows added since still count. -1 when it was never measured (reltuples
// is -1 from PostgreSQL 14, 0 before) and the table has pages.
double leaf_rows(double reltuples, double relpages, double pages_now) {
    if (pages_now == 0) return 0;
    if (reltuples < 0 || relpages <= 0) return -1;
    return reltuples / relpages * pages_now;
}

// Rows, bytes and foreign keys pointing in, of each table found; a
// partitioned table sums its leaf partitions (PostgreSQL 12 and later).
void read_sizes(Connection& connection, const std::string& with, int version,
                std::map<std::string, TableFacts>& tables) {
    const std::string partitions =
        version >= 120000 ? "UNION ALL SELECT f.name, t.relid FROM found f, "
                            "pg_catalog.pg_partition_tree(f.oid) t WHERE f.relkind = 'p' AND "
                            "t.isleaf"
                          : "";
    const auto rows = connection.query(fmt::format(
        R"sql({},
found AS (SELECT w.name, c.oid, c.relkind FROM wanted w
            JOIN pg_catalog.pg_class c ON c.oid = w.oid WHERE c.relkind IN ('r', 'm', 'p')),
leaves AS (SELECT name, oid FROM found WHERE relkind <> 'p' {})
SELECT f.name,
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.contype = 'f' AND k.confrelid = f.oid),
       l.oid IS NOT NULL, c.reltuples::float8, c.relpages::float8,
       pg_catalog.pg_relation_size(l.oid)::float8 / pg_catalog.current_setting('block_size')::float8,
       pg_catalog.pg_total_relation_size(l.oid)
  FROM found f LEFT JOIN leaves l ON l.name = f.name LEFT JOIN pg_catalog.pg_class c ON c.oid = l.oid)sql",
        with, partitions));
    for (const auto& row : rows) {
        auto [entry, first] = tables.try_emplace(text(row, 0));
        TableFacts& table = entry->second;
        if (first) {
            table.rows = 0;
            table.bytes = 0;
        }
        table.referenced_by_foreign_keys = text(row, 1) == "t";
        if (text(row, 2) != "t") continue; // a partitioned table with no partitions
        const double rows_here =
            leaf_rows(std::stod(text(row, 3)), std::stod(text(row, 4)), std::stod(text(row, 5)));
        table.rows = table.rows < 0 || rows_here < 0 ? -1 : table.rows + rows_here;
        table.bytes += std::stoll(text(row, 6));
    }
}

// Columns a valid CHECK (col IS NOT NULL) proves, as PostgreSQL prints such
// a constraint back; SET NOT NULL then skips its scan (PostgreSQL 12 and later).
void read_not_null_proven(Connection& connection, const std::string& with,
                          std::map<std::string, TableFacts>& tables) {
    const auto rows = connection.query(fmt::format(
        R"sql({}
SELECT w.name, a.attname
  FROM wanted w
  JOIN pg_catalog.pg_constraint k ON k.conrelid = w.oid AND k.contype = 'c' AND k.convalidated
   AND pg_catalog.cardinality(k.conkey) = 1
  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
 WHERE pg_catalog.pg_get_expr(k.conbin, k.conrelid) = '(' || pg_catalog.quote_ident(a.attname) || ' IS NOT NULL)'
 ORDER BY 1, 2)sql",
        with));
    for (const auto& row : rows) {
        auto found = tables.find(text(row, 0));
        if (found != tables.end()) found->second.not_null_proven.push_back(text(row, 1));
    }
}

// Each valid, whole-table index's key columns in order, up to the first
// expression: what a lookup by a foreign key's columns can use.
void read_index_columns(Connection& connection, const std::string& with, int version,
                        std::map<std::string, TableFacts>& tables) {
    const char* key_columns = version >= 110000 ? "indnkeyatts" : "indnatts";
    const auto rows = connection.query(fmt::format(
        R"sql({}
SELECT w.name, i.indexrelid::text, a.attname
  FROM wanted w
  JOIN pg_catalog.pg_index i ON i.indrelid = w.oid AND i.indisvalid AND i.indpred IS NULL
 CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
 WHERE k.ord <= i.{}
 ORDER BY 1, i.indexrelid, k.ord)sql",
        with, key_columns));
    // Rows come index by index, each's columns in order (NULL: an expression).
    std::vector<std::pair<std::string, std::vector<std::optional<std::string>>>> indexes;
    std::string last_index;
    for (const auto& row : rows) {
        if (indexes.empty() || text(row, 1) != last_index) {
            last_index = text(row, 1);
            indexes.emplace_back(text(row, 0), std::vector<std::optional<std::string>>{});
        }
        indexes.back().second.push_back(row.at(2));
    }
    for (const auto& [table, columns] : indexes) {
        std::vector<std::string> leading;
        for (const auto& column : columns) {
            if (!column) break;
            leading.push_back(*column);
        }
        auto found = tables.find(table);
        if (!leading.empty() && found != tables.end())
            found->second.index_columns.push_back(std::move(leading));
    }
}

// Transactions a migration's lock would queue behind: open at least
// options.open_transaction_age, or holding a lock on a table the revisions
// touch (`with`: wanted(), empty when none), however young — an ALTER
// waits for that one however short it looks now.
void read_open_transactions(Connection& connection, const std::string& with,
                            const FactsOptions& options, TargetFacts& facts) {
    const std::string holding =
        with.empty() ? "ARRAY[]::text[]"
                     : "ARRAY(SELECT DISTINCT w.name FROM pg_catalog.pg_locks l JOIN wanted w ON "
                       "w.oid = l.relation WHERE l.pid = a.pid AND l.granted ORDER BY 1)";
    // Only client sessions: a migration's lock queues behind them. Others'
    // sessions show no xact_start to a role without pg_read_all_stats.
    const auto rows = connection.query(fmt::format(
        R"sql({0} SELECT * FROM (
SELECT a.pid, floor(extract(epoch FROM pg_catalog.clock_timestamp() - a.xact_start))::bigint AS age,
       coalesce(a.state, ''), coalesce(a.application_name, ''),
       pg_catalog.array_to_string({1}, pg_catalog.chr(31)) AS holding, a.xact_start
  FROM pg_catalog.pg_stat_activity a
 WHERE a.datname = pg_catalog.current_database() AND a.pid <> pg_catalog.pg_backend_pid()
   AND a.xact_start IS NOT NULL AND a.backend_type = 'client backend') t
 WHERE t.age >= {2} OR t.holding <> ''
 ORDER BY t.xact_start, t.pid)sql",
        with, holding, options.open_transaction_age.count()));
    for (const auto& row : rows) {
        OpenTransaction open;
        open.pid = std::stoi(text(row, 0));
        open.age = std::chrono::seconds(std::stoll(text(row, 1)));
        open.state = text(row, 2);
        open.application = text(row, 3);
        const std::string holding_names = text(row, 4);
        for (std::size_t start = 0; start < holding_names.size();) {
            auto end = holding_names.find('\x1f', start);
            if (end == std::string::npos) end = holding_names.size();
            open.holding.push_back(holding_names.substr(start, end - start));
            start = end + 1;
        }
        facts.open_transactions.push_back(std::move(open));
    }
}

void read_facts(Connection& connection, const std::set<std::string>& tables,
                const FactsOptions& options, TargetFacts& facts) {
    connection.begin();
    try {
        // Every query waits for a lock (pg_relation_size takes one, which a
        // migration holding the table keeps) and runs at most this long.
        connection.execute(fmt::format("SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = "
                                       "{0}; SET LOCAL lock_timeout = {0}",
                                       options.timeout.count()));
        facts.server_version =
            std::stoi(text(connection.query("SHOW server_version_num").at(0), 0));
        const std::string with = tables.empty() ? std::string() : wanted(connection, tables);
        read_open_transactions(connection, with, options, facts);
        if (!tables.empty()) {
            read_sizes(connection, with, facts.server_version, facts.tables);
            read_not_null_proven(connection, with, facts.tables);
            read_index_columns(connection, with, facts.server_version, facts.tables);
        }
    } catch (...) {
        try {
            connection.rollback();
        } catch (...) {
            // The read's own error says more; closing the session ends it.
        }
        throw;
    }
    connection.rollback();
}

void read(Connection& connection, const std::set<std::string>& tables, const FactsOptions& options,
          TargetFacts& facts) {
    try {
        read_facts(connection, tables, options, facts);
    } catch (const DatabaseError& error) {
        // 57014: statement_timeout; 55P03: lock_timeout.
        if (error.sqlstate() != "57014" && error.sqlstate() != "55P03") throw;
        throw Error(fmt::format("gave up reading after {} (a lock held on a table, or a busy "
                                "server): {}",
                                engine::util::format_duration(options.timeout), error.what()),
                    ExitCode::failed);
    }
}

constexpr FactsReader k_reader{"postgresql", read};

} // namespace

const FactsReader& postgres_facts_reader() noexcept { return k_reader; }

} // namespace fleet::orchestrator::lint
