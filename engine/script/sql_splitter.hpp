#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fleet::engine::script {

// One statement cut out of a SQL section.
struct SqlStatement {
    std::string text; // trimmed, without its ';', leading and trailing comments
    int line = 0;     // the file line its first token is on

    bool operator==(const SqlStatement&) const = default;
};

// Whose lexical rules a split follows: a section marked for one dialect
// follows that database's own tokenizer; an unmarked section serves both.
enum class SqlDialect {
    any,        // both: the union below (where they differ, see split_sql)
    postgresql, // PostgreSQL's scanner: nested /* */, no [..] or `..` quotes
    sqlite,     // sqlite3_complete(): [..] and `..` quotes, no E'' or $$ quotes
};

// The dialect of a section or execute key named `name` ("postgresql",
// "sqlite"; "" or "sql" for both). Never throws.
SqlDialect sql_dialect_named(std::string_view name);

// Splits a SQL section into single statements, so a failure can name the one
// that failed and each runs on its own (drivers differ on multi-statement
// text). A ';' ends a statement except inside:
//   '...' strings ('' escapes) and "..." identifiers (all dialects);
//   -- comments (which a '\r' also ends in postgresql), and /* */ comments
//   (nested in postgresql only: SQLite does not nest them, and both engines
//   agree on comments that hold no "/*");
//   E'...' strings (backslash escapes too) and dollar quotes ($$...$$,
//   $tag$...$tag$): postgresql and any;
//   [...] and `...` identifiers: sqlite and any;
//   a trigger or function body: in postgresql and any, psql's rule: after
//   CREATE [OR REPLACE] [TEMP|TEMPORARY|CONSTRAINT] FUNCTION|PROCEDURE|TRIGGER,
//   BEGIN opens, CASE nests, END closes, outside parentheses; in sqlite,
//   sqlite3_complete()'s: after CREATE [TEMP|TEMPORARY] TRIGGER, only a ';'
//   right after END (or the end of the text) ends the statement.
// tests/engine/script/test_sql_splitter_oracles.cpp checks these rules
// against SQLite's and PostgreSQL's own tokenizers. In a section for both
// dialects, where the two disagree (a "]" inside a string inside a
// PostgreSQL subscript, a "\'" inside E'...' on SQLite, a nested comment)
// the split follows the rule listed; mark the section with its dialect to
// get that database's rule.
// Fragments with nothing but whitespace and comments are dropped.
// `first_line` is the file line `sql` starts on; `file` only names the file in
// errors. Throws InputError("FILE:LINE: unterminated ...") at the line where
// a string, identifier, dollar quote or block comment opens and never closes.
std::vector<SqlStatement> split_sql(std::string_view sql, const std::string& file,
                                    int first_line = 1, SqlDialect dialect = SqlDialect::any);

// The offsets in `sql` of the ';' that end statements, empty ones included:
// where split_sql cuts. For the tests that compare the cuts with the
// databases' own tokenizers. Throws as split_sql does.
std::vector<std::size_t> statement_ends(std::string_view sql, SqlDialect dialect);

} // namespace fleet::engine::script
