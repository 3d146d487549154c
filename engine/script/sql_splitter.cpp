#include "engine/script/sql_splitter.hpp"

#include "engine/error.hpp"

namespace fleet::engine::script {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Identifier characters as PostgreSQL's lexer sees them; bytes of multi-byte
// UTF-8 characters count as letters.
bool is_word_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u == '$' || u >= 0x80;
}

bool is_tag_start(char c) {
    return is_word_char(c) && c != '$' && !(c >= '0' && c <= '9');
}

std::string lowercase(std::string_view word) {
    std::string lower(word);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

// CREATE OR REPLACE CONSTRAINT TRIGGER: the longest head we look for.
constexpr std::size_t k_head_words = 5;

class SqlSplitter {
public:
    SqlSplitter(std::string_view sql, const std::string& file, int first_line)
        : m_sql(sql), m_file(file), m_line(first_line) {}

    std::vector<SqlStatement> split() {
        while (m_pos < m_sql.size()) step();
        finish_statement();
        return std::move(m_statements);
    }

private:
    void step() {
        const char c = m_sql[m_pos];
        if (c == '\n') {
            ++m_line;
            ++m_pos;
        } else if (is_space(c)) {
            ++m_pos;
        } else if (starts_with("--")) {
            while (m_pos < m_sql.size() && m_sql[m_pos] != '\n') ++m_pos;
        } else if (starts_with("/*")) {
            skip_until("*/", m_pos + 2, "unterminated /* comment");
        } else if (c == ';' && m_begin_depth == 0) {
            finish_statement();
            ++m_pos;
        } else {
            significant_token(c);
        }
    }

    void significant_token(char c) {
        if (m_begin == std::string_view::npos) {
            m_begin = m_pos;
            m_begin_line = m_line;
        }
        if (c == '\'') {
            skip_quoted('\'', false, "unterminated string literal");
        } else if (c == '"') {
            skip_quoted('"', false, "unterminated quoted identifier");
        } else if (c == '$' && dollar_tag_length() > 0) {
            const std::size_t length = dollar_tag_length();
            const std::string tag(m_sql.substr(m_pos, length));
            skip_until(tag, m_pos + length,
                       "unterminated dollar-quoted string (no closing " + tag + ")");
        } else if (is_word_char(c) && c != '$') {
            word();
        } else {
            if (c == '(') ++m_paren_depth;
            if (c == ')' && m_paren_depth > 0) --m_paren_depth;
            ++m_pos;
        }
        m_end = m_pos;
    }

    void word() {
        const std::size_t start = m_pos;
        while (m_pos < m_sql.size() && is_word_char(m_sql[m_pos])) ++m_pos;
        const std::string_view text = m_sql.substr(start, m_pos - start);
        if ((text == "E" || text == "e") && m_pos < m_sql.size() && m_sql[m_pos] == '\'') {
            skip_quoted('\'', true, "unterminated string literal");
            return;
        }
        track_body(lowercase(text));
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
            while (i < m_sql.size() && is_word_char(m_sql[i]) && m_sql[i] != '$') ++i;
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
        m_head.clear();
    }

    std::string_view m_sql;
    const std::string& m_file;
    int m_line;
    std::size_t m_pos = 0;

    // The statement being read: [m_begin, m_end) spans its first to its last
    // significant character, so leading and trailing comments fall away.
    std::size_t m_begin = std::string_view::npos;
    std::size_t m_end = 0;
    int m_begin_line = 0;
    int m_paren_depth = 0;
    int m_begin_depth = 0;
    // Its first words, lowercased: enough to recognise CREATE ... TRIGGER.
    std::vector<std::string> m_head;
    std::vector<SqlStatement> m_statements;
};

} // namespace

std::vector<SqlStatement> split_sql(std::string_view sql, const std::string& file, int first_line) {
    return SqlSplitter(sql, file, first_line).split();
}

} // namespace fleet::engine::script
