#pragma once

#include "plugins/sqlite/sqlite_table_sql.hpp"

#include "engine/error.hpp"

#include <string>
#include <string_view>
#include <vector>

// The reader behind parse_create_table(): a cursor over one statement's
// tokens, and the clause grammar of SQLite's column-def and
// table-constraint. Internal to sqlite_table_sql*.cpp.
namespace fleet::plugins::sqlite::detail {

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

// One column or table constraint clause at the reader's position, its
// CONSTRAINT name included. Throws InputError at what it cannot read.
ConstraintClause read_clause(Reader& r, bool table_level);
// One column definition: name, type, clauses.
ColumnSql read_column(Reader& r);
// Whether an item of the column list starts a table constraint.
bool is_table_constraint(const SqlToken& t);

} // namespace fleet::plugins::sqlite::detail
