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
// by CREATE INDEX, UNIQUE constraints (unnamed: SQLite keeps no name for
// them), foreign keys, and views. CHECK constraints are not reported: SQLite
// keeps them only inside the CREATE TABLE text. Tables named in excluded and
// SQLite's own (sqlite_*) are left out. Reads only; throws DatabaseError.
engine::schema::Schema read_schema(engine::runtime::Connection& connection,
                                   const std::vector<std::string>& excluded);

} // namespace fleet::plugins::sqlite
