#pragma once

#include "engine/ops/operation.hpp"
#include "engine/ops/schema_model.hpp"

#include <string>
#include <string_view>
#include <vector>

// Operations to SQL, as SQLAlchemy's DDLCompiler and Alembic's DefaultImpl
// do it: one visit, one default renderer per operation written in standard
// SQL, and dialects (plugins/*/..._compiler) override only what differs.
namespace fleet::engine::ops {

class Dialect;
struct Capabilities;

// What rendering one operation may look at.
struct RenderContext {
    // The schema before the operation: the replayed model of the revisions
    // before it. Never null while rendering; may be incomplete().
    const SchemaModel* schema = nullptr;
    // What the target can do: the connection's (server version) when live,
    // the dialect's defaults offline. Null: the dialect's defaults.
    const Capabilities* capabilities = nullptr;
    bool offline = false;
    std::string file; // the revision file, for error messages
    // The rows of the target's own catalog query (DdlCompiler::catalog_query)
    // as the run began; null offline. SQLite's rebuild puts back the views,
    // triggers and indexes it lists that the replayed model cannot see
    // (made by execute steps).
    const std::vector<std::vector<std::string>>* catalog = nullptr;
};

// One statement and whether it must run outside any transaction (CREATE
// INDEX CONCURRENTLY): such a statement makes its revision run as
// `transactional: false` does.
struct Statement {
    std::string sql;
    bool outside_transaction = false;
    // The run must switch the target's foreign key enforcement off before
    // its first transaction and back after its last (SQLite's rebuild:
    // DROP TABLE would otherwise delete or block rows that refer to the
    // table). DdlCompiler::foreign_keys_statement says how.
    bool foreign_keys_off = false;
    bool operator==(const Statement&) const = default;
};

class DdlCompiler {
  public:
    explicit DdlCompiler(const Dialect& dialect) : m_dialect(dialect) {}
    virtual ~DdlCompiler() = default;
    DdlCompiler(const DdlCompiler&) = delete;
    DdlCompiler& operator=(const DdlCompiler&) = delete;

    // The statements of a revision's operations, in order. `schema` is the
    // model before the first one; it is advanced past each operation.
    // Throws InputError (file, the operation's line, what is wrong) when
    // one cannot be rendered: nothing is returned in part. The default
    // renders each operation alone; SQLite's groups a table's rebuilds.
    virtual std::vector<Statement> render(const std::vector<Operation>& ops, SchemaModel& schema,
                                          const RenderContext& context) const;

    // The statements of one operation against context.schema. Throws
    // InputError "FILE:LINE: <operation>: <problem>" when it cannot be
    // rendered. Dialects override it to add what surrounds an operation
    // (PostgreSQL's enum types, SQLite's rebuild).
    virtual std::vector<Statement> render(const Operation& op, const RenderContext& context) const;

    // What a live run reads before rendering, into RenderContext::catalog:
    // one query; "" (the default) when the compiler needs nothing.
    virtual std::string catalog_query() const { return {}; }
    // For a run holding a Statement with foreign_keys_off: the query whose
    // first row says whether enforcement is on now ("1"), and the statement
    // that turns it on or off. "" (the default): the dialect has no switch.
    virtual std::string foreign_keys_query() const { return {}; }
    virtual std::string foreign_keys_statement(bool /*on*/) const { return {}; }

    // A column type as this dialect's catalog reports a column declared with
    // it (before schema::normalize_type): what autogenerate matches a live
    // column's type against to write it back as a portable type. The
    // default: the name rendered; PostgreSQL's format_type() spells some
    // differently ("character varying(20)"). Throws InputError as type_name.
    virtual std::string catalog_type(const ColumnType& type) const { return type_name(type); }
    // The dialect's name, as a per-dialect type map's keys spell it.
    std::string_view dialect_name() const;

    // COMMENT ON TABLE ... IS '...' (IS NULL for ""), whatever the
    // capabilities: what autogenerate writes as an execute step to change
    // a kept table's comment, no operation doing that.
    std::string comment_on_table(std::string_view schema, std::string_view table,
                                 const std::string& comment) const;

  protected:
    const Dialect& dialect() const { return m_dialect; }
    // context.capabilities, or the dialect's when it is null.
    const Capabilities& capabilities(const RenderContext& c) const;

    // The visit: the one renderer of op, with no error translation.
    std::vector<Statement> dispatch(const Operation& op, const RenderContext& c) const;

    // One renderer per operation, standard SQL by default.
    virtual std::vector<Statement> execute(const Execute& op, const RenderContext& c) const;
    virtual std::vector<Statement> create_table(const CreateTable& op,
                                                const RenderContext& c) const;
    virtual std::vector<Statement> drop_table(const DropTable& op, const RenderContext& c) const;
    virtual std::vector<Statement> rename_table(const RenameTable& op,
                                                const RenderContext& c) const;
    virtual std::vector<Statement> add_column(const AddColumn& op, const RenderContext& c) const;
    virtual std::vector<Statement> drop_column(const DropColumn& op, const RenderContext& c) const;
    // In an order where the old default never blocks a type change: DROP
    // DEFAULT (when the default changes with the type, or is dropped), the
    // type, nullability, SET DEFAULT, comment, rename (alembic #1652).
    virtual std::vector<Statement> alter_column(const AlterColumn& op,
                                                const RenderContext& c) const;
    virtual std::vector<Statement> create_index(const CreateIndex& op,
                                                const RenderContext& c) const;
    virtual std::vector<Statement> drop_index(const DropIndex& op, const RenderContext& c) const;
    virtual std::vector<Statement> create_primary_key(const CreatePrimaryKey& op,
                                                      const RenderContext& c) const;
    virtual std::vector<Statement> create_unique_constraint(const CreateUniqueConstraint& op,
                                                            const RenderContext& c) const;
    virtual std::vector<Statement> create_foreign_key(const CreateForeignKey& op,
                                                      const RenderContext& c) const;
    virtual std::vector<Statement> create_check_constraint(const CreateCheckConstraint& op,
                                                           const RenderContext& c) const;
    virtual std::vector<Statement> drop_constraint(const DropConstraint& op,
                                                   const RenderContext& c) const;
    // One INSERT per run of consecutive rows naming the same columns (at
    // most 500 rows each), the run's rows in one VALUES list: fewer round
    // trips than one per row, and rows naming other columns cannot share a
    // VALUES list without DEFAULT cells, which SQLite lacks.
    virtual std::vector<Statement> bulk_insert(const BulkInsert& op, const RenderContext& c) const;

    // The pieces the renderers share. They throw InputError without file or
    // line; render() adds both.
    virtual std::string type_name(const ColumnType& type) const;
    // "name TYPE [DEFAULT x] [NOT NULL]": column.primary_key here means the
    // column is (part of) the table's primary key, which decides identity
    // (PostgreSQL) or the rowid alias (SQLite) for an autoincrement integer.
    virtual std::string column_definition(const Column& column, const RenderContext& c) const;
    // The SQL after DEFAULT: a literal, CURRENT_TIMESTAMP & co, or SQL as
    // written (the dialect's entry of by_dialect first).
    virtual std::string default_expression(const ServerDefault& value) const;
    virtual std::string literal(const Literal& value) const;
    // The constraint clauses of CREATE TABLE and ADD CONSTRAINT, each
    // "CONSTRAINT name ..." when named.
    virtual std::string primary_key_clause(const PrimaryKey& key) const;
    virtual std::string unique_clause(const UniqueConstraint& constraint) const;
    virtual std::string check_clause(const CheckConstraint& check) const;
    virtual std::string foreign_key_clause(const ForeignKey& key) const;
    // "REFERENCES table (columns) [ON DELETE x] [ON UPDATE y]".
    virtual std::string references_clause(const ForeignKey& key) const;
    // COMMENT ON TABLE/COLUMN ... IS '...' (IS NULL for ""); nothing when
    // the capabilities have no comments.
    std::vector<Statement> table_comment(std::string_view schema, std::string_view table,
                                         const std::string& comment, const RenderContext& c) const;
    std::vector<Statement> column_comment(std::string_view schema, std::string_view table,
                                          std::string_view column, const std::string& comment,
                                          const RenderContext& c) const;
    std::string table_name(std::string_view schema, std::string_view table) const;
    std::string name(std::string_view identifier) const;
    std::string name_list(const std::vector<std::string>& identifiers) const; // "(a, b)"

  private:
    const Dialect& m_dialect;
};

// Whether the column of a table is an autoincrement integer primary key
// column alone: what becomes an identity column or SQLite's rowid alias.
bool is_autoincrement_key(const Column& column);

} // namespace fleet::engine::ops
