#pragma once

#include "engine/ops/schema_model.hpp"

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// What SchemaModel::apply does to several tables at once (a column's users,
// a rename that reaches other tables' foreign keys, enum types in use), kept
// apart from the per-operation checks. Private to engine/ops.
namespace fleet::engine::ops {

using TableKey = std::pair<std::string, std::string>; // (schema, name)
using Tables = std::map<TableKey, TableModel>;

// "schema.name", or "name" without a schema: how messages name a table.
std::string table_display(std::string_view schema, std::string_view name);

// What keeps `column` of `table` from being dropped ("index ix_a", "foreign
// key fk_b of table c", ...): an index, the primary key, a unique constraint
// or foreign key spanning other columns too, another table's foreign key;
// "" when nothing does. A CHECK's condition is SQL the model does not
// parse, so it is not looked at.
std::string column_user(const Tables& tables, const TableModel& table, std::string_view column);

// Whether a constraint on `columns` is `column`'s own (on it alone): such a
// unique constraint or foreign key is dropped with the column.
bool own_constraint_of(const std::vector<std::string>& columns, std::string_view column);

// Renames a column of `table` in its indexes and constraints, and in the
// foreign keys of every table that refers to it.
void rename_column(Tables& tables, TableModel& table, std::string_view from, const std::string& to);

// Drops from `enums` the types no column of `tables` uses any more.
void forget_unused_enums(const Tables& tables,
                         std::map<std::string, std::vector<std::string>>& enums);

} // namespace fleet::engine::ops
