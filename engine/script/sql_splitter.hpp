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

// Splits a SQL section into single statements, so a failure can name the one
// that failed and each runs on its own (drivers differ on multi-statement
// text). A ';' ends a statement except inside:
//   '...' strings ('' escapes), E'...' strings (backslash escapes too),
//   "..." identifiers, -- and /* */ comments (not nested: SQLite does not nest
//   them, and both engines agree on comments that hold no "/*"),
//   PostgreSQL dollar quotes ($$...$$, $tag$...$tag$),
//   the BEGIN ... END body of CREATE TRIGGER (SQLite) and of
//   CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC (PostgreSQL), found the way
//   psql finds them: BEGIN opens, CASE nests, END closes, outside parentheses.
// Fragments with nothing but whitespace and comments are dropped.
// `first_line` is the file line `sql` starts on; `file` only names the file in
// errors. Throws InputError("FILE:LINE: unterminated ...") at the line where
// a string, identifier, dollar quote or block comment opens and never closes.
std::vector<SqlStatement> split_sql(std::string_view sql, const std::string& file,
                                    int first_line = 1);

} // namespace fleet::engine::script
