#pragma once

#include <string>
#include <string_view>
#include <vector>

// The parts of a CREATE INDEX statement that SQLite's pragmas do not give
// back: the text of each indexed expression and of the WHERE clause (the
// pragmas only say "an expression", "partial"). Pure functions, safe from
// any thread.
namespace fleet::plugins::sqlite {

struct IndexSql {
    // Each item of the parenthesised list, as written (with ASC/DESC or
    // COLLATE when written): "lower(email)", "name DESC".
    std::vector<std::string> parts;
    std::string where; // the WHERE clause's expression, empty without one
};

// Reads `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (parts) [WHERE
// expr]` as sqlite_master.sql stores it. Throws InputError on text it cannot
// read (no ON ... (...)) or an unterminated string, name or comment.
IndexSql read_create_index(std::string_view sql);

} // namespace fleet::plugins::sqlite
