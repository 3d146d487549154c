#include "tests/engine/script/sql_oracles.hpp"

#include "engine/error.hpp"

#include <pg_query.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>

namespace fleet::testing {

namespace {

// libpg_query hands its tokens over as protobuf; the header that declares
// the decoder needs protobuf-c's, which Debian's package does not ship, so
// the few fields used are read from the wire format here.
class ProtobufReader {
  public:
    ProtobufReader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}

    bool at_end() const { return m_pos >= m_size; }

    std::uint64_t varint() {
        std::uint64_t value = 0;
        for (int shift = 0; m_pos < m_size && shift < 64; shift += 7) {
            const std::uint8_t byte = m_data[m_pos++];
            value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) break;
        }
        return value;
    }

    // A length-delimited field's bytes.
    ProtobufReader message() {
        const auto length = static_cast<std::size_t>(varint());
        ProtobufReader inner(m_data + m_pos, std::min(length, m_size - m_pos));
        m_pos += inner.m_size;
        return inner;
    }

    void skip(std::uint64_t wire_type) {
        if (wire_type == 0)
            (void)varint();
        else if (wire_type == 2)
            (void)message();
        else if (wire_type == 1)
            m_pos += 8;
        else if (wire_type == 5)
            m_pos += 4;
        else
            m_pos = m_size;
    }

  private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

// pg_query.proto: ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }
// ScanToken { int32 start = 1; int32 end = 2; Token token = 4; KeywordKind keyword_kind = 5; }
constexpr std::uint64_t k_token_semicolon = 59; // Token.ASCII_59
constexpr std::uint64_t k_token_sql_comment = 275;
constexpr std::uint64_t k_token_c_comment = 276;
constexpr std::uint64_t k_token_begin = 307; // Token.BEGIN_P

std::string trimmed(const std::string& sql, std::size_t from, std::size_t to,
                    const PgTokens& tokens) {
    std::size_t first = std::string::npos;
    std::size_t last = 0;
    for (const PgToken& token : tokens.tokens) {
        if (token.start < from || token.start >= to) continue;
        first = std::min(first, token.start);
        last = std::max(last, token.end);
    }
    if (first == std::string::npos) return {};
    return sql.substr(first, last - first);
}

} // namespace

SqliteCuts sqlite_complete_cuts(const std::string& sql) {
    SqliteCuts result;
    std::size_t start = 0;
    for (std::size_t at = sql.find(';'); at != std::string::npos; at = sql.find(';', at + 1)) {
        if (sqlite3_complete(sql.substr(start, at + 1 - start).c_str()) != 0) {
            result.cuts.push_back(at);
            start = at + 1;
        }
    }
    result.closes = sqlite3_complete((sql.substr(start) + "\n;").c_str()) != 0;
    return result;
}

std::optional<PgTokens> pg_scan(const std::string& sql, std::string* error) {
    PgQueryScanResult result = pg_query_scan(sql.c_str());
    if (result.error != nullptr) {
        if (error != nullptr) *error = result.error->message;
        pg_query_free_scan_result(result);
        return std::nullopt;
    }
    PgTokens out;
    ProtobufReader scan(reinterpret_cast<const std::uint8_t*>(result.pbuf.data), result.pbuf.len);
    while (!scan.at_end()) {
        const std::uint64_t key = scan.varint();
        if (key >> 3 != 2 || (key & 7) != 2) {
            scan.skip(key & 7);
            continue;
        }
        ProtobufReader fields = scan.message();
        PgToken token;
        std::uint64_t kind = 0;
        while (!fields.at_end()) {
            const std::uint64_t field = fields.varint();
            if ((field & 7) != 0) {
                fields.skip(field & 7);
                continue;
            }
            const std::uint64_t value = fields.varint();
            if (field >> 3 == 1) token.start = static_cast<std::size_t>(value);
            if (field >> 3 == 2) token.end = static_cast<std::size_t>(value);
            if (field >> 3 == 4) kind = value;
        }
        if (kind == k_token_sql_comment || kind == k_token_c_comment) continue;
        if (kind == k_token_semicolon) out.semicolons.push_back(token.start);
        if (kind == k_token_begin) out.has_begin = true;
        out.tokens.push_back(token);
    }
    pg_query_free_scan_result(result);
    return out;
}

std::vector<std::string> pg_split_statements(const std::string& sql, const PgTokens& tokens) {
    std::vector<std::string> statements;
    PgQuerySplitResult result = pg_query_split_with_scanner(sql.c_str());
    if (result.error == nullptr) {
        for (int i = 0; i < result.n_stmts; ++i) {
            const auto from = static_cast<std::size_t>(result.stmts[i]->stmt_location);
            const auto to = from + static_cast<std::size_t>(result.stmts[i]->stmt_len);
            std::string text = trimmed(sql, from, to, tokens);
            if (!text.empty()) statements.push_back(std::move(text));
        }
    }
    pg_query_free_split_result(result);
    return statements;
}

std::vector<std::string> non_empty_statements(const std::string& sql, const Cuts& cuts,
                                              const PgTokens& tokens) {
    std::vector<std::string> statements;
    std::size_t from = 0;
    for (std::size_t i = 0; i <= cuts.size(); ++i) {
        const std::size_t to = i < cuts.size() ? cuts[i] : sql.size();
        std::string text = trimmed(sql, from, to, tokens);
        if (!text.empty()) statements.push_back(std::move(text));
        from = to + 1;
    }
    return statements;
}

bool contains(const Cuts& cuts, std::size_t cut) {
    return std::find(cuts.begin(), cuts.end(), cut) != cuts.end();
}

std::optional<Cuts> splitter_cuts(const std::string& sql, engine::script::SqlDialect dialect) {
    try {
        return engine::script::statement_ends(sql, dialect);
    } catch (const Error&) {
        return std::nullopt;
    }
}

namespace {

// Whether the text holds a quote only one dialect knows: [..] or `..`
// (SQLite), $$ or E'..' (PostgreSQL).
bool has_one_dialect_quote(const std::string& sql) {
    if (sql.find_first_of("[`$") != std::string::npos) return true;
    for (std::size_t at = sql.find('\''); at != std::string::npos; at = sql.find('\'', at + 1))
        if (at > 0 && (sql[at - 1] == 'E' || sql[at - 1] == 'e')) return true;
    return false;
}

std::string show(const std::optional<Cuts>& cuts) {
    if (!cuts) return "(refused)";
    std::string out;
    for (std::size_t cut : *cuts)
        out += std::to_string(cut) + " ";
    return out;
}

} // namespace

std::string splitter_disagreement(const std::string& sql) {
    using engine::script::SqlDialect;
    const std::optional<Cuts> sqlite = splitter_cuts(sql, SqlDialect::sqlite);
    const std::optional<Cuts> postgresql = splitter_cuts(sql, SqlDialect::postgresql);
    const std::optional<Cuts> any = splitter_cuts(sql, SqlDialect::any);

    const SqliteCuts by_sqlite = sqlite_complete_cuts(sql);
    if (sqlite && *sqlite != by_sqlite.cuts)
        return "sqlite: splitter " + show(sqlite) + "| sqlite3_complete " + show(by_sqlite.cuts);
    if (!sqlite && by_sqlite.closes) return "sqlite: the splitter refuses what SQLite closes";

    std::string lexer_error;
    const std::optional<PgTokens> by_postgresql = pg_scan(sql, &lexer_error);
    if (postgresql && by_postgresql) {
        if (by_postgresql->has_begin) {
            for (std::size_t cut : *postgresql)
                if (!contains(by_postgresql->semicolons, cut))
                    return "postgresql: a cut that is no ';' token: " + std::to_string(cut);
        } else if (*postgresql != by_postgresql->semicolons) {
            return "postgresql: splitter " + show(postgresql) + "| pg_query_scan " +
                   show(by_postgresql->semicolons);
        }
    } else if (!postgresql && by_postgresql) {
        return "postgresql: the splitter refuses what the lexer reads";
    } else if (postgresql && lexer_error.find("unterminated") != std::string::npos) {
        // The lexer also refuses what only the server would (trailing junk
        // after a number, a bad escape); what never closes must agree.
        return "postgresql: the lexer finds " + lexer_error + ", the splitter does not";
    }

    // The union is checked where it has nothing to choose: no quote that
    // only one dialect knows. Otherwise a quote of one can hide the other's
    // opener or BEGIN ("`$$`", "`...BEGIN...`"), and the two databases can
    // agree by different rules where the union, mixing them, does not.
    if (sqlite && postgresql && any && *sqlite == *postgresql && *any != *sqlite &&
        !has_one_dialect_quote(sql))
        return "any: splitter " + show(any) + "| both databases " + show(sqlite);
    return {};
}

} // namespace fleet::testing
