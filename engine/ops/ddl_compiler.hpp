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
    // the dialect's defaults offline.
    const Capabilities* capabilities = nullptr;
    bool offline = false;
    std::string file; // the revision file, for error messages
};

// One statement and whether it must run outside any transaction (CREATE
// INDEX CONCURRENTLY): such a statement makes its revision run as
// `transactional: false` does.
struct Statement {
    std::string sql;
    bool outside_transaction = false;
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

    // The statements of one operation against context.schema.
    std::vector<Statement> render(const Operation& op, const RenderContext& context) const;

  protected:
    const Dialect& dialect() const { return m_dialect; }

    // One renderer per operation, standard SQL by default.
    virtual std::vector<Statement> execute(const Execute& op, const RenderContext& c) const;
    virtual std::vector<Statement> create_table(const CreateTable& op,
                                                const RenderContext& c) const;
    virtual std::vector<Statement> drop_table(const DropTable& op, const RenderContext& c) const;
    virtual std::vector<Statement> rename_table(const RenameTable& op,
                                                const RenderContext& c) const;
    virtual std::vector<Statement> add_column(const AddColumn& op, const RenderContext& c) const;
    virtual std::vector<Statement> drop_column(const DropColumn& op, const RenderContext& c) const;
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
    virtual std::vector<Statement> bulk_insert(const BulkInsert& op, const RenderContext& c) const;

    // The pieces the renderers share.
    virtual std::string type_name(const ColumnType& type) const;
    virtual std::string column_definition(const Column& column, const RenderContext& c) const;
    virtual std::string default_clause(const ServerDefault& value) const;
    virtual std::string literal(const Literal& value) const;
    std::string table_name(std::string_view schema, std::string_view table) const;
    std::string name(std::string_view identifier) const;
    std::string name_list(const std::vector<std::string>& identifiers) const; // "(a, b)"

  private:
    const Dialect& m_dialect;
};

} // namespace fleet::engine::ops
