#include "plugins/sqlite/sqlite_table_sql.hpp"

#include "engine/error.hpp"

#include <algorithm>

namespace fleet::plugins::sqlite {

namespace {

// Walks the tokens of one statement; every clause's text is the source
// between its first and last token, so what is inside keeps its bytes.
class Reader {
  public:
    Reader(std::string_view sql, const std::vector<SqlToken>& tokens, std::size_t begin,
           std::size_t end)
        : m_sql(sql), m_tokens(tokens), m_pos(begin), m_end(end) {}

    bool done() const { return m_pos >= m_end; }
    std::size_t pos() const { return m_pos; }
    const SqlToken& peek(std::size_t ahead = 0) const {
        static const SqlToken k_none;
        return m_pos + ahead < m_end ? m_tokens[m_pos + ahead] : k_none;
    }
    const SqlToken& take() {
        if (done()) fail("unexpected end");
        return m_tokens[m_pos++];
    }
    bool accept(std::string_view keyword) {
        if (!peek().is_keyword(keyword)) return false;
        ++m_pos;
        return true;
    }
    void expect(std::string_view keyword) {
        if (!accept(keyword)) fail("expected " + std::string(keyword));
    }
    // A name: a word, a quoted identifier or (SQLite allows it) a 'string'.
    const SqlToken& take_name() {
        const auto& token = take();
        if (token.kind == SqlToken::Kind::word || token.kind == SqlToken::Kind::identifier)
            return token;
        if (token.kind == SqlToken::Kind::string) return token;
        fail("expected a name, found " + token.value);
    }
    // A balanced ( ... ) group; the position after its ')'.
    void skip_group() {
        if (!peek().is_punct('(')) fail("expected (");
        int depth = 0;
        do {
            const auto& token = take();
            if (token.is_punct('(')) ++depth;
            if (token.is_punct(')')) --depth;
        } while (depth > 0);
    }
    // The names listed first in each item of a ( ... ) group.
    std::vector<std::string> name_list() {
        std::vector<std::string> names;
        const std::size_t open = m_pos;
        skip_group();
        bool item_start = true;
        int depth = 0;
        for (std::size_t i = open; i < m_pos; ++i) {
            const auto& t = m_tokens[i];
            if (t.is_punct('(')) ++depth;
            if (t.is_punct(')')) --depth;
            if (depth == 1 && t.is_punct(',')) {
                item_start = true;
            } else if (depth == 1 && item_start && !t.is_punct('(')) {
                names.push_back(unquoted(t));
                item_start = false;
            }
        }
        return names;
    }
    std::string text(std::size_t first, std::size_t last_exclusive) const {
        if (first >= last_exclusive) return {};
        const auto begin = m_tokens[first].begin;
        const auto end = m_tokens[last_exclusive - 1].end;
        return std::string(m_sql.substr(begin, end - begin));
    }
    static std::string unquoted(const SqlToken& token) {
        if (token.kind == SqlToken::Kind::string && token.value.size() >= 2)
            return token.value.substr(1, token.value.size() - 2);
        return token.value;
    }
    [[noreturn]] void fail(const std::string& problem) const {
        const auto at = m_pos < m_tokens.size() ? m_tokens[m_pos].begin : m_sql.size();
        throw InputError({}, 0,
                         "cannot read CREATE TABLE: " + problem + " at offset " +
                             std::to_string(at) + " of: " + std::string(m_sql));
    }

  private:
    std::string_view m_sql;
    const std::vector<SqlToken>& m_tokens;
    std::size_t m_pos;
    std::size_t m_end;
};

bool starts_clause(const SqlToken& t) {
    for (const char* k : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
                          "COLLATE", "REFERENCES", "GENERATED", "AS"})
        if (t.is_keyword(k)) return true;
    return false;
}

void conflict_clause(Reader& r) {
    if (r.peek().is_keyword("ON") && r.peek(1).is_keyword("CONFLICT")) {
        r.take();
        r.take();
        r.take_name();
    }
}

// After REFERENCES: table [(columns)] [ON DELETE|UPDATE action | MATCH
// name]... [[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]]
void references_tail(Reader& r, ConstraintClause& clause) {
    clause.referred_table = Reader::unquoted(r.take_name());
    if (r.peek().is_punct('(')) r.skip_group();
    for (;;) {
        if (r.peek().is_keyword("ON") &&
            (r.peek(1).is_keyword("DELETE") || r.peek(1).is_keyword("UPDATE"))) {
            r.take();
            r.take();
            if (r.accept("SET")) {
                if (!r.accept("NULL")) r.expect("DEFAULT");
            } else if (r.accept("NO")) {
                r.expect("ACTION");
            } else if (!r.accept("CASCADE")) {
                r.expect("RESTRICT");
            }
        } else if (r.accept("MATCH")) {
            r.take_name();
        } else {
            break;
        }
    }
    const bool negated = r.peek().is_keyword("NOT") && r.peek(1).is_keyword("DEFERRABLE");
    if (negated) r.take();
    if (r.accept("DEFERRABLE") && r.accept("INITIALLY")) {
        if (!r.accept("DEFERRED")) r.expect("IMMEDIATE");
    }
}

// One clause at the reader's position, CONSTRAINT name included.
ConstraintClause read_clause(Reader& r, bool table_level) {
    ConstraintClause clause;
    if (r.accept("CONSTRAINT")) {
        const auto& name = r.take_name();
        clause.name = Reader::unquoted(name);
        clause.name_sql =
            name.kind == SqlToken::Kind::word ? name.value : r.text(r.pos() - 1, r.pos());
    }
    const std::size_t first = r.pos();
    const auto& head = r.take();
    if (head.is_keyword("PRIMARY")) {
        clause.kind = ClauseKind::primary_key;
        r.expect("KEY");
        if (table_level) {
            clause.columns = r.name_list();
        } else if (!r.accept("ASC")) {
            r.accept("DESC");
        }
        conflict_clause(r);
        clause.autoincrement = r.accept("AUTOINCREMENT");
    } else if (head.is_keyword("NOT") && !table_level) {
        clause.kind = ClauseKind::not_null;
        r.expect("NULL");
        conflict_clause(r);
    } else if (head.is_keyword("NULL") && !table_level) {
        clause.kind = ClauseKind::null;
        conflict_clause(r);
    } else if (head.is_keyword("UNIQUE")) {
        clause.kind = ClauseKind::unique;
        if (table_level) clause.columns = r.name_list();
        conflict_clause(r);
    } else if (head.is_keyword("CHECK")) {
        clause.kind = ClauseKind::check;
        r.skip_group();
    } else if (head.is_keyword("DEFAULT") && !table_level) {
        clause.kind = ClauseKind::default_value;
        if (r.peek().is_punct('(')) {
            r.skip_group();
        } else {
            if (r.peek().is_punct('-') || r.peek().is_punct('+')) r.take();
            r.take();
        }
    } else if (head.is_keyword("COLLATE") && !table_level) {
        clause.kind = ClauseKind::collate;
        r.take_name();
    } else if (head.is_keyword("REFERENCES") && !table_level) {
        clause.kind = ClauseKind::references;
        references_tail(r, clause);
    } else if ((head.is_keyword("GENERATED") || head.is_keyword("AS")) && !table_level) {
        clause.kind = ClauseKind::generated;
        if (head.is_keyword("GENERATED")) {
            r.expect("ALWAYS");
            r.expect("AS");
        }
        r.skip_group();
        if (!r.accept("STORED")) r.accept("VIRTUAL");
    } else if (head.is_keyword("FOREIGN") && table_level) {
        clause.kind = ClauseKind::foreign_key;
        r.expect("KEY");
        clause.columns = r.name_list();
        r.expect("REFERENCES");
        references_tail(r, clause);
    } else {
        r.fail("unexpected " + head.value);
    }
    clause.text = r.text(first, r.pos());
    return clause;
}

ColumnSql read_column(Reader& r) {
    ColumnSql column;
    const std::size_t name_at = r.pos();
    const auto& name = r.take_name();
    column.name = Reader::unquoted(name);
    column.name_sql = r.text(name_at, name_at + 1);
    const std::size_t type_at = r.pos();
    while (!r.done() && !starts_clause(r.peek())) {
        if (r.peek().is_punct('(')) {
            r.skip_group();
        } else {
            r.take();
        }
    }
    column.type = r.text(type_at, r.pos());
    while (!r.done())
        column.constraints.push_back(read_clause(r, false));
    return column;
}

bool is_table_constraint(const SqlToken& t) {
    for (const char* k : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
        if (t.is_keyword(k)) return true;
    return false;
}

} // namespace

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
            if (is_table_constraint(part.peek())) {
                table.constraints.push_back(read_clause(part, true));
                if (!part.done()) part.fail("unexpected " + part.peek().value);
            } else if (!table.constraints.empty()) {
                part.fail("a column after the table constraints");
            } else {
                table.columns.push_back(read_column(part));
            }
            item = i + 1;
        }
    }
    if (table.columns.empty()) r.fail("no columns");
    return table;
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
