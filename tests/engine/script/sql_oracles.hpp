#pragma once

#include "engine/script/sql_splitter.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

// The databases' own tokenizers, as statement cutters the splitter's tests
// compare with. Test-only: libpg_query is linked into no fleet library.
namespace fleet::testing {

// Offsets of the ';' that end statements, in order.
using Cuts = std::vector<std::size_t>;

// What SQLite's sqlite3_complete() makes of a text.
struct SqliteCuts {
    Cuts cuts;           // each ';' at which the text since the last cut is complete
    bool closes = false; // whether the text plus "\n;" is complete (nothing left open)
};

// Cuts `sql` where sqlite3_complete() says a statement is complete. Never throws.
SqliteCuts sqlite_complete_cuts(const std::string& sql);

// One token of PostgreSQL's lexer: [start, end) in the text.
struct PgToken {
    std::size_t start = 0;
    std::size_t end = 0;
};

// What PostgreSQL's lexer (libpg_query's pg_query_scan) makes of a text.
struct PgTokens {
    Cuts semicolons;             // every ';' token
    bool has_begin = false;      // a BEGIN keyword token (a body may hold ';')
    std::vector<PgToken> tokens; // every token but comments
};

// The tokens of `sql`; nullopt when the lexer refuses it, with its message
// in `error`. Never throws.
std::optional<PgTokens> pg_scan(const std::string& sql, std::string* error = nullptr);

// The statements pg_query_split_with_scanner finds, each from its first
// token to its last (comments and whitespace around it left out); those
// holding no token are dropped. Never throws.
std::vector<std::string> pg_split_statements(const std::string& sql, const PgTokens& tokens);

// The statements between `cuts`, trimmed the same way. Never throws.
std::vector<std::string> non_empty_statements(const std::string& sql, const Cuts& cuts,
                                              const PgTokens& tokens);

// Whether `cuts` holds `cut`. Never throws.
bool contains(const Cuts& cuts, std::size_t cut);

// The splitter's cuts in `dialect`, or nullopt when it refuses the text
// (something unterminated). Never throws.
std::optional<Cuts> splitter_cuts(const std::string& sql, engine::script::SqlDialect dialect);

// Splits `sql` in every dialect and compares with the databases: "" when all
// agree, else what differs. The rules:
//   sqlite: the same cuts as sqlite3_complete(); where the splitter refuses
//     the text as unterminated, SQLite finds it open too.
//   postgresql: the same cuts as the lexer's ';' tokens; with a BEGIN token
//     (a body, psql's rule, which a lexer alone cannot know) a subset of them.
//     Where the splitter refuses the text, the lexer does too; where the
//     lexer finds something unterminated, the splitter refuses it.
//   any (a section for both): where the two dialects cut alike and the text
//     holds no quote only one of them knows ([..], `..`, $$, E''), the same
//     cuts, unless it refuses the text. With such quotes the union must
//     choose (sql_splitter.hpp), and may refuse: an error at its line.
// Never throws.
std::string splitter_disagreement(const std::string& sql);

} // namespace fleet::testing
