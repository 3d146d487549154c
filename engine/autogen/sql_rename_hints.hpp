#pragma once

#include "engine/autogen/rename_hints.hpp"

#include <string>
#include <string_view>

// The rename hints of declared SQL (INTERFACE.md): a comment
// `-- fleet:renamed_from OLD` after a column of a CREATE TABLE, on the
// column's line, names the column's name before; one after the table's name
// or its opening parenthesis names the table's. The statement itself runs on
// the scratch database as written (to the server the hint is a comment);
// this reads only what the catalog cannot tell.
namespace fleet::engine::autogen {

// Adds the hints of one statement (as split_sql cut it; `line` is its first
// line in `file`) to `hints`. Throws InputError "FILE:LINE: ..." for a hint
// without a name, one in a statement that is not CREATE TABLE, one after a
// table constraint, and a second hint for the same table or column.
void read_sql_rename_hints(std::string_view statement, const std::string& file, int line,
                           RenameHints& hints);

} // namespace fleet::engine::autogen
