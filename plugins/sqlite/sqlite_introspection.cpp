#include "plugins/sqlite/sqlite_introspection.hpp"

#include "plugins/sql_quoting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

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

// The WHERE clause of a partial index, from its CREATE INDEX text: what
// follows the last WHERE outside quotes and brackets.
std::string partial_where(const std::string& sql) {
    std::size_t found = std::string::npos;
    char quote = 0;
    int depth = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            quote = c == '[' ? ']' : c;
            continue;
        }
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (depth != 0 || i + 5 > sql.size()) continue;
        auto word_edge = [&](std::size_t at) {
            return at >= sql.size() ||
                   !(std::isalnum(static_cast<unsigned char>(sql[at])) || sql[at] == '_');
        };
        std::string word = sql.substr(i, 5);
        std::transform(word.begin(), word.end(), word.begin(), [](char x) {
            return static_cast<char>(std::toupper(static_cast<unsigned char>(x)));
        });
        if (word == "WHERE" && (i == 0 || word_edge(i - 1)) && word_edge(i + 5)) found = i + 5;
    }
    if (found == std::string::npos) return {};
    return schema::collapse_blanks(sql.substr(found));
}

std::vector<std::string> index_columns(Connection& connection, const std::string& index) {
    std::vector<std::string> columns;
    for (const auto& row : connection.query(fmt::format(
             "SELECT name FROM pragma_index_info({}) ORDER BY seqno", single_quoted(index))))
        columns.push_back(row.empty() || !row[0] ? std::string("<expression>") : *row[0]);
    return columns;
}

std::string upper(std::string value) {
    std::transform(value.begin(), value.end(), value.begin(), [](char c) {
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    });
    return value;
}

schema::Table read_table(Connection& connection, const std::string& name,
                         const std::map<std::string, std::string>& index_sql) {
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
        if (row.size() > 3 && row[3]) column.default_value = schema::collapse_blanks(*row[3]);
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
        auto columns = index_columns(connection, index_name);
        if (origin == "u") {
            // UNIQUE in CREATE TABLE: SQLite names its index sqlite_autoindex_T_N,
            // which says nothing about the constraint.
            table.constraints.push_back(
                {schema::Constraint::Kind::unique, "", std::move(columns), ""});
            continue;
        }
        schema::Index index{index_name, std::move(columns), flag(row, 1), ""};
        if (flag(row, 3)) {
            auto sql = index_sql.find(index_name);
            if (sql != index_sql.end()) index.where = partial_where(sql->second);
        }
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
        foreign.on_update = upper(text(row, 4));
        foreign.on_delete = upper(text(row, 5));
    }
    for (auto& [id, foreign] : keys)
        table.foreign_keys.push_back(std::move(foreign));
    return table;
}

} // namespace

schema::Schema read_schema(Connection& connection, const std::vector<std::string>& excluded) {
    schema::Schema result;
    std::vector<std::string> tables;
    std::map<std::string, std::string> index_sql;
    for (const auto& row : connection.query("SELECT type, name, sql FROM main.sqlite_master "
                                            "WHERE type IN ('table', 'view', 'index') AND name NOT "
                                            "LIKE 'sqlite\\_%' ESCAPE '\\'")) {
        std::string type = text(row, 0);
        if (type == "table") tables.push_back(text(row, 1));
        if (type == "index") index_sql[text(row, 1)] = text(row, 2);
        if (type == "view")
            result.views.push_back({text(row, 1), schema::collapse_blanks(text(row, 2))});
    }
    for (const auto& name : tables)
        result.tables.push_back(read_table(connection, name, index_sql));
    schema::drop_tables(result, excluded);
    schema::normalize(result);
    return result;
}

} // namespace fleet::plugins::sqlite
