#include "plugins/sqlite/sqlite_expression.hpp"

#include "plugins/sqlite/sqlite_table_sql.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <initializer_list>
#include <vector>

namespace fleet::plugins::sqlite {

namespace {

using Kind = SqlToken::Kind;

// The keywords an expression may hold; SQLite reads them in any case, so
// they are written in one. Any other bare word is a name, or a function
// when a '(' follows.
constexpr std::array k_keywords{
    "AND",     "AS",       "ASC",          "BETWEEN",      "CASE",
    "CAST",    "COLLATE",  "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "DESC",    "DISTINCT", "ELSE",         "END",          "ESCAPE",
    "EXISTS",  "FALSE",    "FROM",         "GLOB",         "IN",
    "IS",      "ISNULL",   "LIKE",         "MATCH",        "NOT",
    "NOTNULL", "NULL",     "OR",           "REGEXP",       "SELECT",
    "THEN",    "TRUE",     "WHEN",         "WHERE",
};

// The keywords that end an operand: a sign after them is binary.
constexpr std::array k_operand_keywords{
    "NULL", "TRUE", "FALSE", "END", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
};

// The operators of more than one character, longest first.
constexpr std::array k_operators{"->>", "->", "<=", ">=", "<>", "!=", "==", "||", "<<", ">>"};

bool is_keyword(const SqlToken& t) {
    return std::any_of(k_keywords.begin(), k_keywords.end(),
                       [&](const char* k) { return t.is_keyword(k); });
}

bool is_bracket(const SqlToken& t) {
    return t.is_punct('(') || t.is_punct(')') || t.is_punct(',') || t.is_punct('.') ||
           t.is_punct(';');
}

bool is_operator(const SqlToken& t) { return t.kind == Kind::punct && !is_bracket(t); }

// A function's name: a name (not a keyword) right before '('.
bool is_function(const std::vector<SqlToken>& tokens, std::size_t i) {
    const auto& t = tokens[i];
    const bool name = t.kind == Kind::identifier || (t.kind == Kind::word && !is_keyword(t));
    return name && i + 1 < tokens.size() && tokens[i + 1].is_punct('(');
}

// Whether the '(' at `open` only groups: not the list of a function call,
// of IN, or the operand of EXISTS and CAST.
bool groups(const std::vector<SqlToken>& tokens, std::size_t open) {
    if (open == 0) return true;
    const auto& before = tokens[open - 1];
    if (before.is_keyword("IN") || before.is_keyword("EXISTS") || before.is_keyword("CAST"))
        return false;
    return !is_function(tokens, open - 1);
}

// Adjacent operator characters as one operator token ("<" "=" -> "<=").
std::vector<SqlToken> join_operators(std::string_view sql, std::vector<SqlToken> tokens) {
    std::vector<SqlToken> out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        SqlToken t = std::move(tokens[i]);
        if (is_operator(t)) {
            for (std::string_view op : k_operators) {
                if (sql.substr(t.begin, op.size()) != op) continue;
                // Only when the characters are the following tokens, unbroken.
                if (i + op.size() > tokens.size()) continue;
                t.value = std::string(op);
                t.end = t.begin + op.size();
                i += op.size() - 1;
                break;
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

// The index of the ')' closing the '(' at `open`; tokens.size() if none.
std::size_t closing(const std::vector<SqlToken>& tokens, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < tokens.size(); ++i) {
        if (tokens[i].is_punct('(')) ++depth;
        if (tokens[i].is_punct(')') && --depth == 0) return i;
    }
    return tokens.size();
}

bool is_any(const SqlToken& t, std::initializer_list<std::string_view> keywords) {
    return std::any_of(keywords.begin(), keywords.end(),
                       [&](std::string_view k) { return t.is_keyword(k); });
}

// Whether the pair open..close holds no AND or OR of its own and stands
// between AND, OR, NOT or a list's edges: everything else binds tighter
// than those, so "(c >= 0) AND d" is "c >= 0 AND d".
bool between_logic(const std::vector<SqlToken>& tokens, std::size_t open, std::size_t close) {
    int depth = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        if (tokens[i].is_punct('(')) ++depth;
        if (tokens[i].is_punct(')')) --depth;
        if (depth == 0 && is_any(tokens[i], {"AND", "OR", "BETWEEN", "CASE"})) return false;
    }
    const bool left = open == 0 || tokens[open - 1].is_punct('(') ||
                      tokens[open - 1].is_punct(',') ||
                      is_any(tokens[open - 1], {"AND", "OR", "NOT", "WHEN", "THEN", "ELSE"});
    const bool right = close + 1 == tokens.size() || tokens[close + 1].is_punct(')') ||
                       tokens[close + 1].is_punct(',') ||
                       is_any(tokens[close + 1], {"AND", "OR", "WHEN", "THEN", "ELSE", "END"});
    return left && right;
}

// Drops one pair of parentheses that changes nothing; false when none is left.
bool drop_redundant_pair(std::vector<SqlToken>& tokens) {
    for (std::size_t open = 0; open < tokens.size(); ++open) {
        if (!tokens[open].is_punct('(') || !groups(tokens, open)) continue;
        const std::size_t close = closing(tokens, open);
        if (close == tokens.size()) return false; // unbalanced: leave it as written
        const bool whole = open == 0 && close + 1 == tokens.size();
        const bool one_token = close == open + 2;
        const bool doubled = open > 0 && tokens[open - 1].is_punct('(') &&
                             close + 1 < tokens.size() && tokens[close + 1].is_punct(')') &&
                             closing(tokens, open - 1) == close + 1;
        if (!whole && !one_token && !doubled && !between_logic(tokens, open, close)) continue;
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(close));
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(open));
        return true;
    }
    return false;
}

// A unary sign: an operator with no operand before it.
bool is_unary(const std::vector<SqlToken>& tokens, std::size_t i) {
    if (!is_operator(tokens[i])) return false;
    if (i == 0) return true;
    const auto& before = tokens[i - 1];
    if (before.kind == Kind::punct) return !before.is_punct(')');
    return is_keyword(before) && std::none_of(k_operand_keywords.begin(), k_operand_keywords.end(),
                                              [&](const char* k) { return before.is_keyword(k); });
}

bool plain_name(const std::string& name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
}

std::string spelled(const std::vector<SqlToken>& tokens, std::size_t i) {
    const auto& t = tokens[i];
    std::string out = t.value;
    if (t.kind == Kind::identifier) {
        SqlToken bare;
        bare.kind = Kind::word;
        bare.value = t.value;
        if (plain_name(t.value) && !is_keyword(bare)) return t.value;
        out.assign(1, '"');
        for (char c : t.value) {
            out.push_back(c);
            if (c == '"') out.push_back('"');
        }
        out.push_back('"');
        return out;
    }
    if (t.kind != Kind::word) return out;
    const bool upper = is_keyword(t);
    if (!upper && !is_function(tokens, i)) return out;
    std::transform(out.begin(), out.end(), out.begin(), [upper](char c) {
        const auto u = static_cast<unsigned char>(c);
        return static_cast<char>(upper ? std::toupper(u) : std::tolower(u));
    });
    return out;
}

bool blank_between(const std::vector<SqlToken>& tokens, std::size_t i) {
    const auto& before = tokens[i - 1];
    const auto& t = tokens[i];
    if (before.is_punct('(') || before.is_punct('.') || t.is_punct('.')) return false;
    if (t.is_punct(')') || t.is_punct(',')) return false;
    if (t.is_punct('(') && is_function(tokens, i - 1)) return false;
    if (is_unary(tokens, i - 1)) return false;
    return true;
}

std::string_view trimmed(std::string_view text) {
    const auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && blank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && blank(text.back()))
        text.remove_suffix(1);
    return text;
}

bool digits(std::string_view text, std::size_t& i, bool hex = false) {
    const std::size_t start = i;
    while (i < text.size() && (hex ? std::isxdigit(static_cast<unsigned char>(text[i]))
                                   : std::isdigit(static_cast<unsigned char>(text[i]))))
        ++i;
    return i > start;
}

// SQLite's numeric literal, signed: 7, -2.5, .5, 1e3, 0x1F.
bool is_number(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (text.substr(i, 2) == "0x" || text.substr(i, 2) == "0X") {
        i += 2;
        return digits(text, i, true) && i == text.size();
    }
    bool any = digits(text, i);
    if (i < text.size() && text[i] == '.') {
        ++i;
        any = digits(text, i) || any;
    }
    if (!any) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (!digits(text, i)) return false;
    }
    return i == text.size();
}

// One '...' string, quotes inside doubled.
bool is_string(std::string_view text) {
    if (text.size() < 2 || text.front() != '\'' || text.back() != '\'') return false;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] != '\'') continue;
        if (i + 2 == text.size() || text[i + 1] != '\'') return false;
        ++i;
    }
    return true;
}

constexpr std::array k_default_keywords{"NULL", "CURRENT_TIMESTAMP", "CURRENT_DATE",
                                        "CURRENT_TIME"};

} // namespace

std::string normalize_default(std::string_view text) {
    const std::string_view value = trimmed(text);
    if (value.size() >= 2 && value.front() == '(' && value.back() == ')') {
        std::string inside = normalize_default(value.substr(1, value.size() - 2));
        const bool single = is_number(inside) || is_string(inside) ||
                            std::find(k_default_keywords.begin(), k_default_keywords.end(),
                                      inside) != k_default_keywords.end();
        return single ? inside : std::string(value);
    }
    std::string upper(value);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upper == "TRUE") return "1";
    if (upper == "FALSE") return "0";
    if (std::find(k_default_keywords.begin(), k_default_keywords.end(), upper) !=
        k_default_keywords.end())
        return upper;
    return std::string(value);
}

std::string normalize_expression(std::string_view sql) {
    auto tokens = join_operators(sql, tokenize_sql(sql));
    while (!tokens.empty() && tokens.back().is_punct(';'))
        tokens.pop_back();
    while (drop_redundant_pair(tokens)) {
    }
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0 && blank_between(tokens, i)) out += ' ';
        out += spelled(tokens, i);
    }
    return out;
}

} // namespace fleet::plugins::sqlite
