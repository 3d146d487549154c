// The tokenizer of sqlite_table_sql.hpp: SQLite's quoting rules ('text',
// "name", `name`, [name], x'blob'), -- and /* */ comments.
#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_table_sql.hpp"

#include <cctype>

namespace fleet::plugins::sqlite {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

// SQLite takes any byte >= 0x80 as part of an identifier (UTF-8 names).
bool starts_word(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || c == '_' || u >= 0x80;
}

bool continues_word(char c) {
    return starts_word(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

[[noreturn]] void unterminated(std::string_view what, std::size_t at) {
    throw InputError({}, 0,
                     "unterminated " + std::string(what) + " at offset " + std::to_string(at));
}

// The end of a quoted run opened at `begin` by `open`, closed by `close`; a
// doubled `close` inside stands for one (not for [...], which has no escape).
std::size_t quoted_end(std::string_view sql, std::size_t begin, char close, bool doubles,
                       std::string* value) {
    std::size_t i = begin + 1;
    while (i < sql.size()) {
        if (sql[i] == close) {
            if (doubles && i + 1 < sql.size() && sql[i + 1] == close) {
                value->push_back(close);
                i += 2;
                continue;
            }
            return i + 1;
        }
        value->push_back(sql[i++]);
    }
    unterminated(close == '\'' ? "string" : "quoted name", begin);
}

} // namespace

bool SqlToken::is_keyword(std::string_view keyword) const {
    return kind == Kind::word && equal_ignoring_case(value, keyword);
}

bool SqlToken::names(std::string_view name) const {
    return (kind == Kind::word || kind == Kind::identifier) && equal_ignoring_case(value, name);
}

std::vector<SqlToken> tokenize_sql(std::string_view sql) {
    std::vector<SqlToken> tokens;
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            while (i < sql.size() && sql[i] != '\n')
                ++i;
            continue;
        }
        if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            const auto close = sql.find("*/", i + 2);
            if (close == std::string_view::npos) unterminated("comment", i);
            i = close + 2;
            continue;
        }
        SqlToken token;
        token.begin = i;
        if ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'') {
            std::string ignored;
            i = quoted_end(sql, i + 1, '\'', true, &ignored);
            token.kind = SqlToken::Kind::string;
            token.value = std::string(sql.substr(token.begin, i - token.begin));
        } else if (starts_word(c)) {
            while (i < sql.size() && continues_word(sql[i]))
                ++i;
            token.kind = SqlToken::Kind::word;
            token.value = std::string(sql.substr(token.begin, i - token.begin));
        } else if (c == '\'') {
            std::string ignored;
            i = quoted_end(sql, i, '\'', true, &ignored);
            token.kind = SqlToken::Kind::string;
            token.value = std::string(sql.substr(token.begin, i - token.begin));
        } else if (c == '"' || c == '`') {
            token.kind = SqlToken::Kind::identifier;
            i = quoted_end(sql, i, c, true, &token.value);
        } else if (c == '[') {
            token.kind = SqlToken::Kind::identifier;
            i = quoted_end(sql, i, ']', false, &token.value);
        } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                   (c == '.' && i + 1 < sql.size() &&
                    std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
            // Digits, hex digits, a point and an exponent with its sign.
            while (i < sql.size()) {
                const char d = sql[i];
                if (std::isalnum(static_cast<unsigned char>(d)) || d == '.' || d == '_') {
                    ++i;
                } else if ((d == '+' || d == '-') && (sql[i - 1] == 'e' || sql[i - 1] == 'E') &&
                           !(sql.substr(token.begin, 2) == "0x" ||
                             sql.substr(token.begin, 2) == "0X")) {
                    ++i;
                } else {
                    break;
                }
            }
            token.kind = SqlToken::Kind::number;
            token.value = std::string(sql.substr(token.begin, i - token.begin));
        } else {
            token.kind = SqlToken::Kind::punct;
            token.value = std::string(1, c);
            ++i;
        }
        token.end = i;
        tokens.push_back(std::move(token));
    }
    return tokens;
}

bool mentions(const std::vector<SqlToken>& tokens, std::string_view name) {
    for (const auto& token : tokens)
        if (token.names(name)) return true;
    return false;
}

} // namespace fleet::plugins::sqlite
