#pragma once

#include <string>
#include <string_view>

// One spelling for a SQLite expression (a CHECK condition, an index
// expression, a partial index's WHERE), so that two texts SQLite reads alike
// compare equal: SQLite keeps these expressions only as the user typed them.
// Pure functions, safe from any thread.
namespace fleet::plugins::sqlite {

// `sql` with: comments dropped; one blank between words and around binary
// operators, none inside parentheses, after a unary sign, before a comma or
// around a dot; keywords (AND, IS NOT NULL, IN, ...) in upper case and
// function names in lower case (SQLite reads both without case); a quoted
// name that needs no quotes written bare; and the parentheses that change
// nothing dropped: around the whole expression, around a single token,
// doubled ones, and around a part with no AND/OR of its own that stands
// between AND, OR or NOT ("(c >= 0) AND d"). Other names, strings and numbers keep their bytes.
// Parentheses that may matter ((a OR b) AND c) stay. "(C>=0) and (\"d\" is not null)" -> "C >= 0
// AND d IS NOT NULL". Throws InputError on an unterminated string, quoted name or comment.
std::string normalize_expression(std::string_view sql);

// A column's default as pragma_table_info reports it (as typed, less one
// pair of outer parentheses), in one spelling for the defaults SQLite stores
// alike: TRUE and FALSE as the 1 and 0 SQLite stores for them, NULL and
// CURRENT_TIMESTAMP/DATE/TIME in upper case, and a literal or one of those
// without the parentheses still around it ("((1))"). Blanks at either end
// go; anything else is kept as typed.
std::string normalize_default(std::string_view text);

} // namespace fleet::plugins::sqlite
