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

} // namespace fleet::plugins::sqlite
