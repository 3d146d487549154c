#include "plugins/sqlite/sqlite_introspection.hpp"

#include "engine/error.hpp"
#include "engine/ops/naming.hpp"
#include "plugins/sql_quoting.hpp"
#include "plugins/sqlite/sqlite_default.hpp"
#include "plugins/sqlite/sqlite_expression.hpp"
#include "plugins/sqlite/sqlite_index_sql.hpp"
#include "plugins/sqlite/sqlite_table_sql.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>

namespace fleet::plugins::sqlite {

namespace schema = engine::schema;
using engine::runtime::Connection;
using engine::runtime::Row;

namespace {

std::string text(const Row& row, std::size_t i) {
    return i < row.size() && row[i] ? *row[i] : std::string();
}

bool flag(const Row& row, std::size_t i) {
    std::string value = text(row, i);
    return !value.empty() && value != "0";
}

// The catalog's SQL of each index and table, by name.
struct CreateSql {
    std::map<std::string, std::string> indexes;
    std::map<std::string, std::string> tables;
};

// The index's columns in index order; an expression (a NULL name in
// index_info) as its text from the CREATE INDEX, normalized, or
// "<expression>" when that text cannot be read.
std::vector<std::string> index_columns(Connection& connection, const std::string& index,
                                       const IndexSql* sql) {
    std::vector<std::string> columns;
    for (const auto& row : connection.query(fmt::format(
             "SELECT name FROM pragma_index_info({}) ORDER BY seqno", single_quoted(index)))) {
        const std::size_t at = columns.size();
        if (!row.empty() && row[0])
            columns.push_back(*row[0]);
        else if (sql && at < sql->parts.size())
            columns.push_back(normalize_expression(sql->parts[at]));
        else
            columns.push_back("<expression>");
    }
    return columns;
}

// The CHECK constraints of a table, column-level and table-level, from its
// CREATE TABLE text (the only place SQLite keeps them). An unnamed one is
// known by the name fleet gives a check (ck_<table>_<column>), which a
// rebuild's drop_constraint finds it by: so a declared unnamed CHECK and the
// named one a revision creates for it read alike.
void read_checks(schema::Table& table, const std::string& create_sql) {
    TableSql parsed;
    try {
        parsed = parse_create_table(create_sql);
    } catch (const InputError&) {
        return; // a virtual table: no CHECK of its own
    }
    auto add = [&](const ConstraintClause& clause) {
        if (clause.kind != ClauseKind::check) return;
        const std::string definition = normalize_expression(check_expression(clause));
        std::string name =
            clause.name.empty() ? engine::ops::check_name(table.name, definition) : clause.name;
        table.constraints.push_back(
            {schema::Constraint::Kind::check, std::move(name), {}, definition});
    };
    for (const auto& column : parsed.columns)
        for (const auto& clause : column.constraints)
            add(clause);
    for (const auto& clause : parsed.constraints)
        add(clause);
}

std::string uppercase(std::string value) {
    std::transform(value.begin(), value.end(), value.begin(), [](char c) {
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
    return value;
}

schema::Table read_table(Connection& connection, const std::string& name, const CreateSql& sql) {
    schema::Table table;
    table.name = name;
    std::string literal = single_quoted(name);

    std::vector<std::pair<int, std::string>> key;
    for (const auto& row :
         connection.query(fmt::format("SELECT name, type, \"notnull\", dflt_value, pk FROM "
                                      "pragma_table_info({}) ORDER BY cid",
                                      literal))) {
        schema::Column column;
        column.name = text(row, 0);
        column.type = schema::normalize_type(text(row, 1));
        column.nullable = !flag(row, 2);
        if (row.size() > 3 && row[3])
            column.default_value = normalize_default(*row[3], text(row, 1));
        if (int position = std::atoi(text(row, 4).c_str()); position > 0)
            key.emplace_back(position, column.name);
        table.columns.push_back(std::move(column));
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, column] : key)
        table.primary_key.push_back(column);

    for (const auto& row : connection.query(fmt::format(
             "SELECT name, \"unique\", origin, partial FROM pragma_index_list({})", literal))) {
        std::string index_name = text(row, 0);
        std::string origin = text(row, 2);
        if (origin == "pk") continue; // the primary key, already read
        std::optional<IndexSql> parsed;
        if (auto found = sql.indexes.find(index_name); found != sql.indexes.end()) {
            try {
                parsed = read_create_index(found->second);
            } catch (const InputError&) {
                // Expressions stay "<expression>", the WHERE unread.
            }
        }
        auto columns = index_columns(connection, index_name, parsed ? &*parsed : nullptr);
        if (origin == "u") {
            // UNIQUE in CREATE TABLE: SQLite names its index sqlite_autoindex_T_N,
            // which says nothing about the constraint.
            table.constraints.push_back(
                {schema::Constraint::Kind::unique, "", std::move(columns), ""});
            continue;
        }
        schema::Index index{index_name, std::move(columns), flag(row, 1), ""};
        if (flag(row, 3) && parsed) index.where = normalize_expression(parsed->where);
        table.indexes.push_back(std::move(index));
    }

    std::map<int, schema::ForeignKey> keys;
    for (const auto& row : connection.query(
             fmt::format("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                         "FROM pragma_foreign_key_list({}) ORDER BY id, seq",
                         literal))) {
        auto& foreign = keys[std::atoi(text(row, 0).c_str())];
        foreign.referred_table = text(row, 1);
        foreign.columns.push_back(text(row, 2));
        // NULL "to": the referred table's primary key, unnamed in the DDL.
        if (row.size() > 3 && row[3]) foreign.referred_columns.push_back(*row[3]);
        foreign.on_update = uppercase(text(row, 4));
        foreign.on_delete = uppercase(text(row, 5));
    }
    for (auto& [id, foreign] : keys)
        table.foreign_keys.push_back(std::move(foreign));
    if (auto found = sql.tables.find(name); found != sql.tables.end())
        read_checks(table, found->second);
    return table;
}

} // namespace

schema::Schema read_schema(Connection& connection, const std::vector<std::string>& excluded) {
    schema::Schema result;
    std::vector<std::string> tables;
    CreateSql sql;
    for (const auto& row : connection.query("SELECT type, name, sql FROM main.sqlite_master "
                                            "WHERE type IN ('table', 'view', 'index') AND name NOT "
                                            "LIKE 'sqlite\\_%' ESCAPE '\\'")) {
        std::string type = text(row, 0);
        if (type == "table") {
            tables.push_back(text(row, 1));
            sql.tables[text(row, 1)] = text(row, 2);
        }
        if (type == "index") sql.indexes[text(row, 1)] = text(row, 2);
        if (type == "view")
            result.views.push_back({text(row, 1), schema::collapse_blanks(text(row, 2))});
    }
    for (const auto& name : tables)
        result.tables.push_back(read_table(connection, name, sql));
    schema::drop_tables(result, excluded);
    schema::normalize(result);
    return result;
}

} // namespace fleet::plugins::sqlite
