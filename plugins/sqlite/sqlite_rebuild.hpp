#pragma once

#include "engine/ops/operation.hpp"

#include <string>
#include <string_view>
#include <vector>

// SQLite's own procedure for the table changes ALTER TABLE cannot make
// (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table
// Schema Changes"), as a pure function from the schema's text and one
// revision's changes of one table to the statements that run inside the
// revision's transaction. Unlike Alembic's batch mode it keeps what the
// CREATE TABLE text holds (CHECK and UNIQUE, named or not, ON DELETE/UPDATE,
// COLLATE, generated columns, AUTOINCREMENT and its counter), the table's
// indexes and triggers as written, and the views and other tables' triggers
// that name the table; and refuses, before anything runs, what it cannot
// carry (an index, view, trigger, CHECK or foreign key using a dropped
// column). Safe from any thread.
namespace fleet::plugins::sqlite {

// One row of sqlite_master: type ("table", "index", "view", "trigger"),
// name, tbl_name, sql (empty for automatic indexes).
struct SchemaEntry {
    std::string type;
    std::string name;
    std::string tbl_name;
    std::string sql;
};

// The whole schema, as `SELECT type, name, tbl_name, sql FROM sqlite_master
// ORDER BY rowid` gives it live, or as the replayed model renders it
// offline: the order is creation order, which re-creation keeps.
using SchemaCatalog = std::vector<SchemaEntry>;

// The query that fills a SchemaCatalog from a live database.
inline constexpr std::string_view k_schema_catalog_query =
    "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master ORDER BY rowid";

struct RebuildOptions {
    std::string file; // the revision file, for errors
    // Check the table's foreign keys, and those of the tables referring to
    // it, before the transaction ends (step 10), failing with the table of
    // the offending rows.
    bool check_foreign_keys = true;
};

struct Rebuild {
    // In order, inside the revision's transaction.
    std::vector<std::string> statements;
    // The revision must run with PRAGMA foreign_keys=OFF set before its
    // transaction and put back after (steps 1 and 12): otherwise DROP TABLE
    // deletes or blocks the rows of tables referring to this one. Always
    // true for a rebuild; the runtime reads it. When other tables refer to
    // this one, the first statements fail (naming the pragma) if foreign
    // keys are still ON, before anything changes.
    bool foreign_keys_off = true;
};

// The statements that rebuild `table` with `changes` (alter_column,
// drop_column, add_column, create_primary_key, create_unique_constraint,
// create_foreign_key, create_check_constraint, drop_constraint; each naming
// `table`), applied in order. Throws InputError (options.file, the change's
// line, naming the object) when the table is not in `catalog`, a change
// names a column or constraint the table does not have, or the rebuild
// would lose something: an index, view, trigger, CHECK, generated column or
// foreign key that uses a dropped column.
Rebuild render_rebuild(const SchemaCatalog& catalog, std::string_view table,
                       const std::vector<engine::ops::Operation>& changes,
                       const RebuildOptions& options);

} // namespace fleet::plugins::sqlite
