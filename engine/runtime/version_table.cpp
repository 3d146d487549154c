#include "engine/runtime/version_table.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

namespace fleet::engine::runtime {

std::string VersionTable::qualified(const ops::Dialect& dialect) const {
    return dialect.qualified_table(m_schema, m_table);
}

bool VersionTable::exists(Connection& connection) const {
    return connection.table_exists(m_schema, m_table);
}

std::vector<std::string> VersionTable::read_heads(Connection& connection) const {
    std::vector<std::string> heads;
    if (!exists(connection)) return heads;
    const auto& dialect = connection.dialect();
    for (const auto& row :
         connection.query(fmt::format("SELECT version_num FROM {}", qualified(dialect)))) {
        if (!row.empty() && row[0]) heads.push_back(*row[0]);
    }
    return heads;
}

void VersionTable::create(SqlSink& sink) const {
    const auto& dialect = sink.dialect();
    sink.execute(fmt::format("CREATE TABLE {} (\n    version_num VARCHAR(32) NOT NULL, \n"
                             "    CONSTRAINT {} PRIMARY KEY (version_num)\n)",
                             qualified(dialect), dialect.quote_identifier(m_table + "_pkc")));
}

void VersionTable::drop(SqlSink& sink) const {
    sink.execute(fmt::format("DROP TABLE {}", qualified(sink.dialect())));
}

void VersionTable::purge(SqlSink& sink) const {
    sink.execute(fmt::format("DELETE FROM {}", qualified(sink.dialect())));
}

void VersionTable::insert(SqlSink& sink, const std::string& version) const {
    const auto& dialect = sink.dialect();
    sink.execute(fmt::format("INSERT INTO {} (version_num) VALUES ({})", qualified(dialect),
                             dialect.quote_literal(version)));
}

void VersionTable::remove(SqlSink& sink, const std::string& version) const {
    const auto& dialect = sink.dialect();
    long long changed =
        sink.execute(fmt::format("DELETE FROM {} WHERE version_num = {}", qualified(dialect),
                                 dialect.quote_literal(version)));
    if (!sink.offline()) expect_one_row(changed, {VersionChange::Kind::remove, version, {}});
}

void VersionTable::update(SqlSink& sink, const std::string& from, const std::string& to) const {
    const auto& dialect = sink.dialect();
    long long changed = sink.execute(
        fmt::format("UPDATE {} SET version_num={} WHERE {}.version_num = {}", qualified(dialect),
                    dialect.quote_literal(to), qualified(dialect), dialect.quote_literal(from)));
    if (!sink.offline()) expect_one_row(changed, {VersionChange::Kind::update, from, to});
}

void VersionTable::expect_one_row(long long changed, const VersionChange& change) const {
    // The version table is the truth about a database; a write that matched no
    // row (or several) means someone else changed it under us: stop the run.
    if (changed == 1 || changed < 0) return;
    throw DatabaseError(row_count_message(change, m_table, changed));
}

} // namespace fleet::engine::runtime
