#pragma once

#include "engine/ops/operation.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// The schema that YAML revisions build, replayed without a database: the
// tables as the operations declared them (portable types, defaults,
// constraints, indexes). It supplies what a derived downgrade needs (the
// column a drop_column dropped), the table definition a SQLite rebuild needs
// offline, and the check that an operation names a table that exists.
namespace fleet::engine::ops {

struct TableModel {
    std::string schema;
    std::string name;
    std::vector<Column> columns; // in table order; primary_key/unique/references moved out
    std::optional<PrimaryKey> primary_key;
    std::vector<UniqueConstraint> unique;
    std::vector<CheckConstraint> checks;
    std::vector<ForeignKey> foreign_keys;
    std::vector<CreateIndex> indexes;
    std::string comment;

    const Column* find_column(std::string_view column) const;
    bool operator==(const TableModel&) const = default;
};

class SchemaModel {
  public:
    // Applies one operation: the model after it. Throws InputError naming
    // `file`, the operation's line and the missing or clashing object when
    // the operation cannot apply (a table, column, index or constraint that
    // is not there, or already is). An execute makes the model incomplete
    // (its SQL may have made anything): from then on a missing table or
    // object is no error, but what needs its definition says it is unknown.
    void apply(const Operation& op, const std::string& file);

    // Whether every table came from a YAML operation (no execute ran).
    bool complete() const { return m_complete; }
    void mark_incomplete() { m_complete = false; }

    const TableModel* find_table(std::string_view schema, std::string_view name) const;
    // The index named `name` in `schema` (index names are per schema, as in
    // PostgreSQL and SQLite); null when the model has none.
    const CreateIndex* find_index(std::string_view schema, std::string_view name) const;
    // Every table, ordered by (schema, name).
    std::vector<const TableModel*> tables() const;
    // PostgreSQL enum types in use: name -> values, made by the first column
    // that uses the name and dropped with the last; an alter_column giving a
    // column of one the same type with other values relabels it everywhere.
    const std::map<std::string, std::vector<std::string>>& enums() const { return m_enums; }

    // Whether a drop_index replayed here removed the index `name` (and no
    // create_index made it again): a live catalog read before the run still
    // lists it, and what puts back a table's indexes from that catalog (a
    // SQLite rebuild) must not bring it back.
    bool index_dropped(std::string_view schema, std::string_view name) const {
        return m_dropped_indexes.count({std::string(schema), std::string(name)}) != 0;
    }

    // Equal tables, enums and completeness (not what was dropped on the way).
    bool operator==(const SchemaModel& other) const {
        return m_tables == other.m_tables && m_enums == other.m_enums &&
               m_complete == other.m_complete;
    }

  private:
    std::map<std::pair<std::string, std::string>, TableModel> m_tables;
    std::map<std::string, std::vector<std::string>> m_enums;
    bool m_complete = true;
    std::set<std::pair<std::string, std::string>> m_dropped_indexes;
};

} // namespace fleet::engine::ops
