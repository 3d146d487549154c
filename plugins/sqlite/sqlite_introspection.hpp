#pragma once

#include "engine/runtime/connection.hpp"
#include "engine/schema/schema.hpp"

#include <string>
#include <vector>

namespace fleet::plugins::sqlite {

// The main database's schema, read from sqlite_master and the table-valued
// pragmas (table_info, index_list, index_info, foreign_key_list) through
// connection's query(): tables with their columns (declared type through
// normalize_type, NOT NULL, default as written), primary key, indexes made
// by CREATE INDEX (an expression part and a partial index's WHERE as their
// text in the CREATE INDEX, through normalize_expression), UNIQUE
// constraints (unnamed: SQLite keeps no name for them), CHECK constraints
// read from the CREATE TABLE text (the condition through
// normalize_expression; an unnamed one named ck_<table>_<column> as fleet
// names a check, which a rebuild's drop_constraint finds it by), foreign
// keys, and views. Tables named in excluded and SQLite's own (sqlite_*) are
// left out. Reads only; throws DatabaseError.
engine::schema::Schema read_schema(engine::runtime::Connection& connection,
                                   const std::vector<std::string>& excluded);

} // namespace fleet::plugins::sqlite
