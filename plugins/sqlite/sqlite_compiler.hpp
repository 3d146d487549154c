#pragma once

#include "engine/ops/ddl_compiler.hpp"

namespace fleet::plugins::sqlite {

// Operations as SQLite can run them. Types as SQLAlchemy's SQLite dialect
// names them (DATETIME, BLOB; CHAR(32) for a uuid as SQLAlchemy 2's Uuid;
// an enum is VARCHAR(longest) with CHECK (col IN (...))). An autoincrement
// integer primary key is declared INTEGER (also a bigint one), which makes
// it the rowid alias: ids are assigned without the AUTOINCREMENT keyword,
// which INTERFACE.md has no key for and costs a sqlite_sequence write per
// insert. Comments are not kept (SQLite has nowhere to keep them).
//
// ALTER TABLE is native where SQLite does the change safely: rename table,
// rename column (capabilities.rename_column), add a column SQLite accepts
// (no PRIMARY KEY or UNIQUE, a constant default, NOT NULL only with a
// non-null default, REFERENCES only without a default), drop a column SQLite
// accepts (capabilities.drop_column; not in the key, a UNIQUE, an index, a
// CHECK or a foreign key of its table, and no other table's foreign key
// refers to it; a view or trigger made by an execute that uses it makes
// SQLite refuse at run time, inside the transaction). Everything else is a
// table rebuild (rebuild()). Pure and stateless: safe from any thread.
class SqliteCompiler : public engine::ops::DdlCompiler {
  public:
    using DdlCompiler::DdlCompiler;

    // The operations in order, each consecutive run of column and
    // constraint changes on one table that holds a change needing a rebuild
    // rendered as one rebuild with every change of the run: one rebuild per
    // table where a revision changes it in one stretch (a create_index or
    // another table's operation in between starts a new stretch, since the
    // rebuild puts back the indexes SQLite has, not the model's).
    std::vector<engine::ops::Statement> render(const std::vector<engine::ops::Operation>& ops,
                                               engine::ops::SchemaModel& schema,
                                               const engine::ops::RenderContext& c) const override;
    // One operation: natively, or as a rebuild of its table alone.
    std::vector<engine::ops::Statement> render(const engine::ops::Operation& op,
                                               const engine::ops::RenderContext& c) const override;

    // Whether SQLite's ALTER TABLE cannot do op safely on the schema and
    // capabilities of c, so its table must be rebuilt.
    bool needs_rebuild(const engine::ops::Operation& op, const engine::ops::RenderContext& c) const;

    // sqlite_master, for the rebuild (sqlite_rebuild.hpp's k_schema_catalog_query).
    std::string catalog_query() const override;
    // PRAGMA foreign_keys: a rebuild runs with it OFF (SQLite's step 1).
    std::string foreign_keys_query() const override;
    std::string foreign_keys_statement(bool on) const override;

    // SQLite's spelling of a type, a default (the text after DEFAULT) and a
    // literal: public, so the table rebuild spells the columns it changes as
    // this compiler spells the ones it creates.
    std::string type_name(const engine::ops::ColumnType& type) const override;
    std::string default_expression(const engine::ops::ServerDefault& value) const override;
    std::string literal(const engine::ops::Literal& value) const override;

  protected:
    // THE REBUILD HOOK: the statements that turn table `before` into
    // `after` by SQLite's twelve-step procedure (INTERFACE.md), where
    // `changes` (in order, at least one, all on that table) are the
    // operations that lead from one to the other. Throws InputError (file,
    // the line of the change at fault) for what it cannot carry over.
    // The table's catalog is the replayed model's (CREATE TABLE and its
    // indexes, as this compiler writes them) plus, live, the views,
    // triggers and indexes sqlite_master held as the run began that the
    // model does not know (made by execute steps), so none is lost.
    virtual std::vector<engine::ops::Statement>
    rebuild(const engine::ops::TableModel& before, const engine::ops::TableModel& after,
            const std::vector<const engine::ops::Operation*>& changes,
            const engine::ops::RenderContext& c) const;

    std::string column_definition(const engine::ops::Column& column,
                                  const engine::ops::RenderContext& c) const override;
    // Unqualified: SQLite's REFERENCES names a table of the same database.
    std::string references_clause(const engine::ops::ForeignKey& key) const override;

  private:
    // The rebuild of `changes` (on one table) against `schema`: before and
    // after looked up, the hook called. Throws InputError naming the first
    // change when the table's definition is not known.
    std::vector<engine::ops::Statement>
    rebuild_run(const std::vector<const engine::ops::Operation*>& changes,
                const engine::ops::SchemaModel& schema, const engine::ops::RenderContext& c) const;
};

} // namespace fleet::plugins::sqlite
