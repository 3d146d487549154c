#include "engine/ops/schema_edits.hpp"
#include "engine/util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace fleet::engine::ops {

namespace {

using util::contains;

bool index_uses(const CreateIndex& index, std::string_view column) {
    return std::any_of(index.columns.begin(), index.columns.end(),
                       [&](const IndexPart& part) { return part.column == column; });
}

} // namespace

std::string table_display(std::string_view schema, std::string_view name) {
    return schema.empty() ? std::string(name) : fmt::format("{}.{}", schema, name);
}

namespace {

void rename_in(std::vector<std::string>& names, std::string_view from, const std::string& to) {
    for (auto& name : names)
        if (name == from) name = to;
}

} // namespace

void forget_unused_enums(const Tables& tables,
                         std::map<std::string, std::vector<std::string>>& enums) {
    std::set<std::string> used;
    for (const auto& [key, table] : tables)
        for (const auto& column : table.columns)
            if (column.type.kind == ColumnType::Kind::enumeration)
                used.insert(column.type.enum_name);
    std::erase_if(enums, [&](const auto& entry) { return !used.count(entry.first); });
}

// What uses a column, for the refusal to drop it: "" when nothing does.
// A CHECK's condition is SQL the model does not parse, so it is not
// looked at.
std::string column_user(const Tables& tables, const TableModel& table, std::string_view column) {
    for (const auto& index : table.indexes)
        if (index_uses(index, column)) return "index " + index.name;
    if (table.primary_key && contains(table.primary_key->columns, column))
        return "primary key " + table.primary_key->name;
    // A unique constraint or foreign key on this column alone goes with it
    // (as PostgreSQL and a SQLite rebuild drop it); one spanning others
    // would silently change meaning.
    for (const auto& unique : table.unique)
        if (contains(unique.columns, column) && unique.columns.size() > 1)
            return "unique constraint " + unique.name;
    for (const auto& fk : table.foreign_keys)
        if (contains(fk.columns, column) && fk.columns.size() > 1) return "foreign key " + fk.name;
    for (const auto& [key, other] : tables) {
        for (const auto& fk : other.foreign_keys) {
            if (fk.referred_table == table.name && fk.referred_schema == table.schema &&
                contains(fk.referred_columns, column))
                return fmt::format("foreign key {} of table {}", fk.name,
                                   table_display(other.schema, other.name));
        }
    }
    return {};
}

bool own_constraint_of(const std::vector<std::string>& columns, std::string_view column) {
    return columns.size() == 1 && columns.front() == column;
}

void rename_column(Tables& tables, TableModel& table, std::string_view from,
                   const std::string& to) {
    for (auto& column : table.columns)
        if (column.name == from) column.name = to;
    for (auto& index : table.indexes)
        for (auto& part : index.columns)
            if (part.column == from) part.column = to;
    if (table.primary_key) rename_in(table.primary_key->columns, from, to);
    for (auto& unique : table.unique)
        rename_in(unique.columns, from, to);
    for (auto& fk : table.foreign_keys)
        rename_in(fk.columns, from, to);
    for (auto& [key, other] : tables)
        for (auto& fk : other.foreign_keys)
            if (fk.referred_table == table.name && fk.referred_schema == table.schema)
                rename_in(fk.referred_columns, from, to);
}

} // namespace fleet::engine::ops
