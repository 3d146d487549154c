#include "engine/ops/naming.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace fleet::engine::ops {

namespace {

// SQL words a condition holds that are not columns: operators, literals,
// and the parts of CASE, CAST, BETWEEN, ... (both dialects').
// clang-format off
constexpr std::array<std::string_view, 46> k_keywords{
    "all", "and", "any", "array", "as", "asc", "between", "by", "case", "cast", "collate",
    "current_date", "current_time", "current_timestamp", "desc", "distinct", "else", "end",
    "escape", "exists", "false", "from", "glob", "ilike", "in", "interval", "is", "isnull", "like",
    "localtime", "localtimestamp", "match", "not", "notnull", "null", "nulls", "or", "regexp",
    "select", "similar", "some", "then", "to", "true", "when", "where",
};
// clang-format on

bool is_keyword(std::string_view word) {
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(k_keywords.begin(), k_keywords.end(), lower) != k_keywords.end();
}

bool starts_word(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalpha(byte) || c == '_' || byte >= 0x80;
}

bool in_word(char c) {
    return starts_word(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// Reads SQL text token by token, skipping what cannot name a column.
class ColumnFinder {
  public:
    explicit ColumnFinder(std::string_view sql) : m_sql(sql) {}

    std::string find() {
        while (m_at < m_sql.size()) {
            const char c = m_sql[m_at];
            if (c == '\'') {
                skip_quoted('\'');
            } else if (c == '-' && next_is('-')) {
                skip_to("\n");
            } else if (c == '/' && next_is('*')) {
                skip_to("*/");
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                while (m_at < m_sql.size() && (in_word(m_sql[m_at]) || m_sql[m_at] == '.'))
                    ++m_at;
            } else if (c == '"' || c == '`' || c == '[' || starts_word(c)) {
                std::string column;
                if (name(column)) return column;
            } else {
                ++m_at;
            }
        }
        return {};
    }

  private:
    bool next_is(char c) const { return m_at + 1 < m_sql.size() && m_sql[m_at + 1] == c; }

    void skip_to(std::string_view end) {
        const std::size_t found = m_sql.find(end, m_at + 2);
        m_at = found == std::string_view::npos ? m_sql.size() : found + end.size();
    }

    // Past a literal or quoted name opened at m_at; returns its text, a doubled
    // closing quote read as one.
    std::string skip_quoted(char close) {
        std::string text;
        ++m_at;
        while (m_at < m_sql.size()) {
            if (m_sql[m_at] == close) {
                if (close != ']' && next_is(close)) {
                    text += close;
                    m_at += 2;
                    continue;
                }
                ++m_at;
                break;
            }
            text += m_sql[m_at++];
        }
        return text;
    }

    void skip_spaces() {
        while (m_at < m_sql.size() && std::isspace(static_cast<unsigned char>(m_sql[m_at])))
            ++m_at;
    }

    // One name, qualified or not (`t.c` reads as `c`). True with `column` set
    // when it is a column: not a keyword, not a function, not a string's
    // prefix (E'..').
    bool name(std::string& column) {
        bool quoted = false;
        for (;;) {
            const char c = m_sql[m_at];
            quoted = c == '"' || c == '`' || c == '[';
            if (quoted) {
                column = skip_quoted(c == '[' ? ']' : c);
            } else {
                const std::size_t start = m_at;
                while (m_at < m_sql.size() && in_word(m_sql[m_at]))
                    ++m_at;
                column = std::string(m_sql.substr(start, m_at - start));
                if (m_at < m_sql.size() && m_sql[m_at] == '\'') return false;
            }
            skip_spaces();
            if (m_at + 1 < m_sql.size() && m_sql[m_at] == '.' &&
                (starts_word(m_sql[m_at + 1]) || m_sql[m_at + 1] == '"')) {
                ++m_at;
                continue;
            }
            break;
        }
        if (m_at < m_sql.size() && m_sql[m_at] == '(') return false;
        return !column.empty() && (quoted || !is_keyword(column));
    }

    std::string_view m_sql;
    std::size_t m_at = 0;
};

std::string md5_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_md5(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL could not compute an MD5 digest");
    }
    std::string hex;
    for (unsigned int i = 0; i < size; ++i)
        hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

} // namespace

std::string first_column_named(std::string_view sql) { return ColumnFinder(sql).find(); }

std::string fitted_name(std::string name) {
    if (name.size() <= k_max_name_bytes) return name;
    // SQLAlchemy keeps max - 8 characters, then "_" and 4 hex digits.
    std::size_t keep = k_max_name_bytes - 8;
    // Back off to the start of a UTF-8 character (not a continuation byte).
    while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80)
        --keep;
    const std::string hash = md5_hex(name);
    return name.substr(0, keep) + "_" + hash.substr(hash.size() - 4);
}

std::string index_name(std::string_view table, const IndexPart& first_part) {
    if (!first_part.column.empty())
        return fitted_name(fmt::format("ix_{}_{}", table, first_part.column));
    const std::string column = first_column_named(first_part.expression);
    return fitted_name(fmt::format("ix_{}_{}", table, column.empty() ? "expr" : column));
}

std::string unique_name(std::string_view table, std::string_view first_column) {
    return fitted_name(fmt::format("uq_{}_{}", table, first_column));
}

std::string foreign_key_name(std::string_view table, std::string_view first_column,
                             std::string_view referred_table) {
    return fitted_name(fmt::format("fk_{}_{}_{}", table, first_column, referred_table));
}

std::string primary_key_name(std::string_view table) {
    return fitted_name(fmt::format("pk_{}", table));
}

std::string check_name(std::string_view table, std::string_view condition) {
    const std::string column = first_column_named(condition);
    return fitted_name(fmt::format("ck_{}_{}", table, column.empty() ? "check" : column));
}

} // namespace fleet::engine::ops
