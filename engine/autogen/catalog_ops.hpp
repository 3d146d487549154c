#pragma once

#include "engine/ops/ddl_compiler.hpp"
#include "engine/ops/operation.hpp"
#include "engine/schema/schema.hpp"

#include <optional>
#include <string>

// What a catalog reports (engine/schema values, read from a live database)
// as operation values that render back to the same catalog on the same
// dialect: the vocabulary autogenerate writes revisions in. A type is
// written as the portable type whose catalog spelling on this dialect is
// the one read ("character varying(20)" -> varchar(20) on PostgreSQL,
// "datetime" -> timestamp on SQLite), else as read; a default as a literal
// when it is one, else as the SQL the catalog printed. Whether the result
// really renders back is checked by replaying it (autogenerate verifies
// every revision it writes), not assumed here.
namespace fleet::engine::autogen {

class CatalogOps {
  public:
    explicit CatalogOps(const ops::DdlCompiler& compiler) : m_compiler(compiler) {}

    // The portable type read back from a catalog spelling (normalized).
    ops::ColumnType type(const std::string& spelling) const;

    // The default of a column as a literal, CURRENT_TIMESTAMP & co, or SQL;
    // nullopt when it has none (an identity column has none either).
    static std::optional<ops::ServerDefault> server_default(const schema::Column& column);

    // Whether the catalog reports the column as an identity column
    // (PostgreSQL's GENERATED ... AS IDENTITY).
    static bool is_identity(const schema::Column& column);

    // One column; primary_key/autoincrement set when it is the table's whole
    // key (an identity, or an integer key on a dialect without identity).
    // A column of an enum type has the portable {enum: NAME, values: [...]}.
    ops::Column column(const schema::Table& table, const schema::Column& column) const;

    // The step that gives a kept table the comment it has in `table` (none:
    // removes it). No operation sets a table's comment, so it is an execute
    // for this dialect alone; autogenerate writes the downgrade's opposite
    // step itself, since an execute has no derived one.
    ops::Execute table_comment(const schema::Table& table) const;

    // The whole table, with its key, UNIQUE and CHECK constraints and the
    // foreign keys `keep_key` accepts (the others are created later, when
    // the tables they refer to exist). Every constraint has a name: the
    // catalog's, else the naming convention's.
    template <class KeepKey>
    ops::CreateTable create_table(const schema::Table& table, KeepKey keep_key) const {
        ops::CreateTable op = table_without_keys(table);
        for (const auto& key : table.foreign_keys)
            if (keep_key(key)) op.foreign_keys.push_back(foreign_key(table, key));
        return op;
    }
    ops::CreateTable table_without_keys(const schema::Table& table) const;

    ops::ForeignKey foreign_key(const schema::Table& table, const schema::ForeignKey& key) const;
    ops::CreateIndex create_index(const schema::Table& table, const schema::Index& index) const;
    ops::UniqueConstraint unique(const schema::Table& table,
                                 const schema::Constraint& constraint) const;
    ops::CheckConstraint check(const schema::Table& table,
                               const schema::Constraint& constraint) const;

  private:
    const ops::DdlCompiler& m_compiler;
};

// A constraint's name as written: the catalog's, else the convention's
// (uq_/ck_/fk_<table>_<first column>).
std::string constraint_name(const schema::Table& table, const schema::Constraint& constraint);
std::string foreign_key_name(const schema::Table& table, const schema::ForeignKey& key);

} // namespace fleet::engine::autogen
