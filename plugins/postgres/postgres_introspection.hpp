#pragma once

#include "engine/runtime/connection.hpp"
#include "engine/schema/schema.hpp"

#include <string>
#include <vector>

namespace fleet::plugins::postgres {

// The schema current_schema() names (the first existing schema of the
// session's search_path: the target's `schema:`, else usually public), read
// from pg_catalog through connection's query(): tables (plain and
// partitioned) with their comments and columns (format_type, NOT NULL, the
// default as pg_get_expr prints it, identity columns as "GENERATED ... AS
// IDENTITY", the comment, an enum type's labels from pg_enum),
// primary key, indexes not backing a constraint, UNIQUE and CHECK
// constraints, foreign keys, views and materialized views. Tables named in
// excluded are left out. No current schema (search_path names none that
// exists) reads as an empty schema. Reads only, in a handful of queries
// whatever the table count; throws DatabaseError.
engine::schema::Schema read_schema(engine::runtime::Connection& connection,
                                   const std::vector<std::string>& excluded);

} // namespace fleet::plugins::postgres
