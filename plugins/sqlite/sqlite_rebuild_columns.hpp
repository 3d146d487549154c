#pragma once

#include "engine/ops/operation.hpp"
#include "plugins/sqlite/sqlite_table_sql.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The table a rebuild makes: the old CREATE TABLE's parts edited by one
// revision's changes. Kept columns keep their old names in the new table
// (so its indexes, triggers and views, re-created as written, still fit);
// renames run natively once it is in place, where SQLite rewrites every
// reference itself. Internal to sqlite_rebuild.cpp; pure.
namespace fleet::plugins::sqlite {

struct RebuiltTable {
    TableSql table;                  // columns under their names in the new table
    std::vector<std::string> source; // per column: the old column copied, "" when added
    // Per added column: what the old rows get, as ADD COLUMN gives it (the
    // default when it was added, else NULL), whatever later changes do.
    std::vector<std::string> fill;
    // Per column: its name as the changes so far see it; where it differs
    // from the column's name in `table`, a native rename runs at the end.
    std::vector<std::string> current;
    std::vector<std::string> dropped; // old columns dropped
};

// A name quoted as SQLite needs it (only when it must be).
std::string quote_name(std::string_view name);

// Whether two identifiers name the same column or table: SQLite compares
// names without case.
bool same_name(std::string_view a, std::string_view b);

// The rebuild's starting point: the table as `create_sql` defines it.
RebuiltTable rebuilt_table(const std::string& create_sql);

// Applies one change. Throws InputError (file, the change's line) naming
// the missing or clashing column or constraint.
void apply_change(RebuiltTable& rebuilt, const engine::ops::Operation& change,
                  const std::string& file);

// Until plugins/sqlite/sqlite_compiler lands: SQLite's spelling of a type,
// a default and a literal, as SQLAlchemy's SQLite dialect writes them.
std::string rebuild_type_sql(const engine::ops::ColumnType& type);
std::string rebuild_default_sql(const engine::ops::ServerDefault& value);       // "DEFAULT x"
std::string rebuild_default_value_sql(const engine::ops::ServerDefault& value); // "x"
std::string rebuild_literal_sql(const engine::ops::Literal& value);

} // namespace fleet::plugins::sqlite
