#include "engine/script/sql_splitter.hpp"

#include "engine/error.hpp"
#include "engine/util/text.hpp"

namespace fleet::engine::script {

namespace {

using util::is_space;

// Identifier characters as PostgreSQL's lexer sees them; bytes of multi-byte
// UTF-8 characters count as letters.
bool is_word_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u == '$' || u >= 0x80;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_tag_start(char c) { return is_word_char(c) && c != '$' && !(c >= '0' && c <= '9'); }

std::string lowercase(std::string_view word) {
    std::string lower(word);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

// CREATE OR REPLACE CONSTRAINT TRIGGER: the longest head we look for.
constexpr std::size_t k_head_words = 5;

// sqlite3_complete()'s token classes and states (SQLite's complete.c): a
// statement that began CREATE [TEMP] TRIGGER ends only at ';' after END.
enum SqliteToken { tk_semi, tk_ws, tk_other, tk_explain, tk_create, tk_temp, tk_trigger, tk_end };
enum SqliteState {
    st_invalid,
    st_start,
    st_normal,
    st_explain,
    st_create,
    st_trigger,
    st_semi,
    st_end
};
constexpr SqliteState k_sqlite_transitions[8][8] = {
    // semi      ws          other       explain     create     temp        trigger     end
    {st_start, st_invalid, st_normal, st_explain, st_create, st_normal, st_normal, st_normal},
    {st_start, st_start, st_normal, st_explain, st_create, st_normal, st_normal, st_normal},
    {st_start, st_normal, st_normal, st_normal, st_normal, st_normal, st_normal, st_normal},
    {st_start, st_explain, st_explain, st_normal, st_create, st_normal, st_normal, st_normal},
    {st_start, st_create, st_normal, st_normal, st_normal, st_create, st_trigger, st_normal},
    {st_semi, st_trigger, st_trigger, st_trigger, st_trigger, st_trigger, st_trigger, st_trigger},
    {st_semi, st_semi, st_trigger, st_trigger, st_trigger, st_trigger, st_trigger, st_end},
    {st_start, st_end, st_trigger, st_trigger, st_trigger, st_trigger, st_trigger, st_trigger},
};

SqliteToken sqlite_keyword(std::string_view lower) {
    if (lower == "explain") return tk_explain;
    if (lower == "create") return tk_create;
    if (lower == "temp" || lower == "temporary") return tk_temp;
    if (lower == "trigger") return tk_trigger;
    if (lower == "end") return tk_end;
    return tk_other;
}

class SqlSplitter {
  public:
    SqlSplitter(std::string_view sql, const std::string& file, int first_line, SqlDialect dialect)
        : m_sql(sql), m_file(file), m_line(first_line), m_dialect(dialect) {}

    std::vector<SqlStatement> split() {
        while (m_pos < m_sql.size())
            step();
        finish_statement();
        return std::move(m_statements);
    }

    std::vector<std::size_t> ends() {
        split();
        return std::move(m_ends);
    }

  private:
    void step() {
        const char c = m_sql[m_pos];
        if (c == '\n') {
            ++m_line;
            ++m_pos;
        } else if (is_space(c) && !(c == '\v' && m_dialect == SqlDialect::sqlite)) {
            // SQLite's tokenizer takes \v for no white space but an illegal
            // character, so in its dialect \v is a token (sqlite3_complete's
            // "other") and breaks a trigger's "; END;".
            ++m_pos;
        } else if (starts_with("--")) {
            // PostgreSQL's lexer ends a line comment at '\r' too; SQLite's at '\n' only.
            const bool cr_ends = m_dialect == SqlDialect::postgresql;
            while (m_pos < m_sql.size() && m_sql[m_pos] != '\n' &&
                   !(cr_ends && m_sql[m_pos] == '\r'))
                ++m_pos;
        } else if (starts_with("/*")) {
            skip_comment();
        } else if (c == ';') {
            semicolon();
        } else {
            significant_token(c);
        }
    }

    bool postgresql_rules() const { return m_dialect != SqlDialect::sqlite; }
    bool sqlite_rules() const { return m_dialect != SqlDialect::postgresql; }

    // A ';' ends the statement, or belongs to it inside a body.
    void semicolon() {
        bool ends = m_begin_depth == 0;
        if (m_dialect == SqlDialect::sqlite) {
            sqlite_token(tk_semi);
            ends = m_sqlite_state == st_start;
        }
        if (ends) {
            m_ends.push_back(m_pos);
            finish_statement();
            ++m_pos;
            return;
        }
        if (m_begin == std::string_view::npos) {
            m_begin = m_pos;
            m_begin_line = m_line;
        }
        ++m_pos;
        m_end = m_pos;
    }

    void sqlite_token(SqliteToken token) {
        m_sqlite_state = k_sqlite_transitions[m_sqlite_state][token];
    }

    // PostgreSQL nests block comments; SQLite ends one at the first "*/".
    void skip_comment() {
        if (m_dialect != SqlDialect::postgresql) {
            skip_until("*/", m_pos + 2, "unterminated /* comment");
            return;
        }
        const int open_line = m_line;
        int depth = 0;
        while (m_pos < m_sql.size()) {
            if (starts_with("/*")) {
                ++depth;
                m_pos += 2;
            } else if (starts_with("*/")) {
                m_pos += 2;
                if (--depth == 0) return;
            } else {
                if (m_sql[m_pos] == '\n') ++m_line;
                ++m_pos;
            }
        }
        throw InputError(m_file, open_line, "unterminated /* comment");
    }

    void significant_token(char c) {
        if (m_begin == std::string_view::npos) {
            m_begin = m_pos;
            m_begin_line = m_line;
        }
        SqliteToken token = tk_other;
        if (c == '\'') {
            skip_quoted('\'', false, "unterminated string literal");
        } else if (c == '"') {
            skip_quoted('"', false, "unterminated quoted identifier");
        } else if (c == '[' && sqlite_rules()) {
            // SQLite's [identifier]: no escapes, the first ']' closes it.
            skip_until("]", m_pos + 1, "unterminated [identifier]");
        } else if (c == '`' && sqlite_rules()) {
            skip_quoted('`', false, "unterminated `identifier`");
        } else if (c == '$' && postgresql_rules() && dollar_tag_length() > 0) {
            const std::size_t length = dollar_tag_length();
            const std::string tag(m_sql.substr(m_pos, length));
            skip_until(tag, m_pos + length,
                       "unterminated dollar-quoted string (no closing " + tag + ")");
        } else if (c == '$' && postgresql_rules() && m_pos + 1 < m_sql.size() &&
                   is_digit(m_sql[m_pos + 1])) {
            // A parameter ($1): its digits end at a '$', which may open a quote.
            ++m_pos;
            while (m_pos < m_sql.size() && is_digit(m_sql[m_pos]))
                ++m_pos;
        } else if (is_digit(c) && postgresql_rules()) {
            // A number ends where a letter or '$' starts another token.
            while (m_pos < m_sql.size() && is_digit(m_sql[m_pos]))
                ++m_pos;
        } else if (is_word_char(c) && (c != '$' || !postgresql_rules())) {
            token = word();
        } else {
            if (c == '(') ++m_paren_depth;
            if (c == ')' && m_paren_depth > 0) --m_paren_depth;
            ++m_pos;
        }
        if (m_dialect == SqlDialect::sqlite) sqlite_token(token);
        m_end = m_pos;
    }

    // A word (keyword or identifier); its class for SQLite's trigger rule.
    SqliteToken word() {
        const std::size_t start = m_pos;
        while (m_pos < m_sql.size() && is_word_char(m_sql[m_pos]))
            ++m_pos;
        const std::string_view text = m_sql.substr(start, m_pos - start);
        if ((text == "E" || text == "e") && postgresql_rules() && m_pos < m_sql.size() &&
            m_sql[m_pos] == '\'') {
            skip_quoted('\'', true, "unterminated string literal");
            return tk_other;
        }
        const std::string lower = lowercase(text);
        if (m_dialect == SqlDialect::sqlite) return sqlite_keyword(lower);
        track_body(lower);
        return tk_other;
    }

    // psql's heuristic for bodies whose inner ';' do not end the statement:
    // only in CREATE [OR REPLACE] [TEMP|TEMPORARY|CONSTRAINT]
    // FUNCTION|PROCEDURE|TRIGGER, only outside parentheses.
    void track_body(const std::string& word) {
        if (m_head.size() < k_head_words) m_head.push_back(word);
        if (m_paren_depth > 0 || !in_body_statement()) return;
        if (word == "begin") {
            ++m_begin_depth;
        } else if (word == "case") {
            if (m_begin_depth > 0) ++m_begin_depth; // CASE also closes with END
        } else if (word == "end") {
            if (m_begin_depth > 0) --m_begin_depth;
        }
    }

    bool in_body_statement() const {
        std::size_t i = 0;
        auto is = [&](std::string_view word) { return i < m_head.size() && m_head[i] == word; };
        if (!is("create")) return false;
        ++i;
        if (is("or")) {
            ++i;
            if (!is("replace")) return false;
            ++i;
        }
        if (is("temp") || is("temporary") || is("constraint")) ++i;
        return is("function") || is("procedure") || is("trigger");
    }

    // Length of "$$" or "$tag$" at m_pos; 0 when the '$' opens no dollar quote
    // (a parameter like $1, or part of an identifier).
    std::size_t dollar_tag_length() const {
        std::size_t i = m_pos + 1;
        if (i < m_sql.size() && is_tag_start(m_sql[i])) {
            while (i < m_sql.size() && is_word_char(m_sql[i]) && m_sql[i] != '$')
                ++i;
        }
        if (i < m_sql.size() && m_sql[i] == '$') return i + 1 - m_pos;
        return 0;
    }

    // A quoted run opened by `quote` at m_pos; a doubled quote stays inside,
    // and with `backslashes` (E'...') a backslash escapes the next character.
    void skip_quoted(char quote, bool backslashes, const char* unterminated) {
        const int open_line = m_line;
        ++m_pos;
        while (m_pos < m_sql.size()) {
            const char c = m_sql[m_pos];
            if (c == '\n') ++m_line;
            if (backslashes && c == '\\' && m_pos + 1 < m_sql.size()) {
                if (m_sql[m_pos + 1] == '\n') ++m_line;
                m_pos += 2;
                continue;
            }
            ++m_pos;
            if (c == quote) {
                if (m_pos < m_sql.size() && m_sql[m_pos] == quote) {
                    ++m_pos;
                    continue;
                }
                return;
            }
        }
        throw InputError(m_file, open_line, unterminated);
    }

    // Skips from m_pos past the first `closer` found at or after `from`.
    void skip_until(std::string_view closer, std::size_t from, const std::string& unterminated) {
        const std::size_t found = m_sql.find(closer, from);
        if (found == std::string_view::npos) throw InputError(m_file, m_line, unterminated);
        const std::size_t end = found + closer.size();
        for (std::size_t i = m_pos; i < end; ++i) {
            if (m_sql[i] == '\n') ++m_line;
        }
        m_pos = end;
    }

    bool starts_with(std::string_view prefix) const {
        return m_sql.substr(m_pos, prefix.size()) == prefix;
    }

    void finish_statement() {
        if (m_begin != std::string_view::npos) {
            m_statements.push_back(
                {std::string(m_sql.substr(m_begin, m_end - m_begin)), m_begin_line});
        }
        m_begin = std::string_view::npos;
        m_end = 0;
        m_paren_depth = 0;
        m_begin_depth = 0;
        m_sqlite_state = st_start;
        m_head.clear();
    }

    std::string_view m_sql;
    const std::string& m_file;
    int m_line;
    SqlDialect m_dialect;
    std::size_t m_pos = 0;

    // The statement being read: [m_begin, m_end) spans its first to its last
    // significant character, so leading and trailing comments fall away.
    std::size_t m_begin = std::string_view::npos;
    std::size_t m_end = 0;
    int m_begin_line = 0;
    int m_paren_depth = 0;
    int m_begin_depth = 0;
    // SQLite's state: where the statement is in "CREATE TRIGGER ... END;".
    SqliteState m_sqlite_state = st_start;
    // Its first words, lowercased: enough to recognise CREATE ... TRIGGER.
    std::vector<std::string> m_head;
    std::vector<SqlStatement> m_statements;
    std::vector<std::size_t> m_ends;
};

} // namespace

SqlDialect sql_dialect_named(std::string_view name) {
    if (name == "postgresql") return SqlDialect::postgresql;
    if (name == "sqlite") return SqlDialect::sqlite;
    return SqlDialect::any;
}

std::vector<SqlStatement> split_sql(std::string_view sql, const std::string& file, int first_line,
                                    SqlDialect dialect) {
    return SqlSplitter(sql, file, first_line, dialect).split();
}

std::vector<std::size_t> statement_ends(std::string_view sql, SqlDialect dialect) {
    static const std::string k_no_file = "<sql>";
    return SqlSplitter(sql, k_no_file, 1, dialect).ends();
}

} // namespace fleet::engine::script
