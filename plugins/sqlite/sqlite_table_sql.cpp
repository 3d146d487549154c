#include "plugins/sqlite/sqlite_table_sql.hpp"

#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_table_sql_reader.hpp"

#include <algorithm>

namespace fleet::plugins::sqlite {

using detail::Reader;

bool ColumnSql::has(ClauseKind kind) const {
    return std::any_of(constraints.begin(), constraints.end(),
                       [kind](const ConstraintClause& c) { return c.kind == kind; });
}

const ColumnSql* TableSql::find_column(std::string_view wanted) const {
    SqlToken probe;
    probe.kind = SqlToken::Kind::identifier;
    for (const auto& column : columns) {
        probe.value = column.name;
        if (probe.names(wanted)) return &column;
    }
    return nullptr;
}

bool TableSql::has_rowid_alias() const {
    if (without_rowid) return false;
    SqlToken type;
    for (const auto& column : columns) {
        type.kind = SqlToken::Kind::word;
        type.value = column.type;
        if (!type.is_keyword("INTEGER")) continue;
        for (const auto& c : column.constraints) {
            // "INTEGER PRIMARY KEY DESC" is SQLite's documented exception.
            if (c.kind == ClauseKind::primary_key && !mentions(tokenize_sql(c.text), "DESC"))
                return true;
        }
        for (const auto& c : constraints) {
            if (c.kind == ClauseKind::primary_key && c.columns.size() == 1 &&
                find_column(c.columns[0]) == &column)
                return true;
        }
    }
    return false;
}

bool TableSql::has_autoincrement() const {
    for (const auto& column : columns)
        for (const auto& c : column.constraints)
            if (c.autoincrement) return true;
    return false;
}

TableSql parse_create_table(std::string_view sql) {
    const auto tokens = tokenize_sql(sql);
    std::size_t end = tokens.size();
    if (end > 0 && tokens[end - 1].is_punct(';')) --end;
    Reader r(sql, tokens, 0, end);
    TableSql table;
    r.expect("CREATE");
    if (!r.accept("TEMP")) r.accept("TEMPORARY");
    if (r.peek().is_keyword("VIRTUAL")) r.fail("a virtual table cannot be rebuilt");
    r.expect("TABLE");
    if (r.accept("IF")) {
        r.expect("NOT");
        r.expect("EXISTS");
    }
    const std::size_t name_at = r.pos();
    table.name = Reader::unquoted(r.take_name());
    if (r.peek().is_punct('.')) {
        r.take();
        table.name = Reader::unquoted(r.take_name());
    }
    table.name_sql = r.text(name_at, r.pos());
    if (!r.peek().is_punct('(')) r.fail("expected ( after the table name");
    const std::size_t open = r.pos();
    r.skip_group();
    const std::size_t close = r.pos() - 1;
    // The options after ")": WITHOUT ROWID and STRICT, comma separated.
    const std::size_t options_at = r.pos();
    while (!r.done()) {
        if (r.accept("WITHOUT")) {
            r.expect("ROWID");
            table.without_rowid = true;
        } else if (r.accept("STRICT")) {
            table.strict = true;
        } else if (!r.peek().is_punct(',')) {
            r.fail("unexpected " + r.peek().value);
        } else {
            r.take();
        }
    }
    table.options = r.text(options_at, r.pos());
    // The items between the parentheses, split at top-level commas.
    std::size_t item = open + 1;
    int depth = 0;
    for (std::size_t i = open + 1; i <= close; ++i) {
        if (tokens[i].is_punct('(')) ++depth;
        if (tokens[i].is_punct(')')) --depth;
        if ((depth == 0 && tokens[i].is_punct(',')) || i == close) {
            Reader part(sql, tokens, item, i);
            if (part.done()) part.fail("empty item");
            if (detail::is_table_constraint(part.peek())) {
                table.constraints.push_back(detail::read_clause(part, true));
                if (!part.done()) part.fail("unexpected " + part.peek().value);
            } else if (!table.constraints.empty()) {
                part.fail("a column after the table constraints");
            } else {
                table.columns.push_back(detail::read_column(part));
            }
            item = i + 1;
        }
    }
    if (table.columns.empty()) r.fail("no columns");
    return table;
}

std::string check_expression(const ConstraintClause& clause) {
    const auto tokens = tokenize_sql(clause.text);
    if (tokens.size() < 2 || !tokens[0].is_keyword("CHECK")) return clause.text;
    return clause.text.substr(tokens[1].begin);
}

std::string render_clause(const ConstraintClause& clause) {
    if (clause.name_sql.empty()) return clause.text;
    return "CONSTRAINT " + clause.name_sql + " " + clause.text;
}

std::string render_column(const ColumnSql& column) {
    std::string out = column.name_sql;
    if (!column.type.empty()) out += " " + column.type;
    for (const auto& clause : column.constraints)
        out += " " + render_clause(clause);
    return out;
}

std::string render_create_table(const TableSql& table) {
    std::string out = "CREATE TABLE " + table.name_sql + " (";
    const char* separator = "\n    ";
    for (const auto& column : table.columns) {
        out += separator + render_column(column);
        separator = ",\n    ";
    }
    for (const auto& clause : table.constraints)
        out += separator + render_clause(clause);
    out += "\n)";
    if (!table.options.empty()) out += " " + table.options;
    return out;
}

} // namespace fleet::plugins::sqlite
