#pragma once

#include "engine/ops/dialect.hpp"

namespace fleet::plugins::sqlite {

// SQLite's SQL: identifiers quoted as SQLAlchemy's SQLite dialect does, DDL
// transactional (SQLite rolls back CREATE/ALTER/DROP inside BEGIN; Alembic's
// "non-transactional" flag comes from Python's driver, not SQLite), no
// schemas, no ALTER COLUMN (a table rebuild does that). Pure and stateless:
// safe from any thread.
class SqliteDialect final : public engine::ops::Dialect {
  public:
    // The one shared instance; lives for the whole program.
    static const SqliteDialect& instance();

    // "sqlite".
    std::string_view name() const override;
    // {transactional_ddl = true, grouped_reads = true}.
    const engine::ops::Capabilities& capabilities() const override;
    // Bare when a plain lower-case name that is not an SQLite keyword, else "quoted".
    std::string quote_identifier(std::string_view name) const override;
    // 'it''s'.
    std::string quote_literal(std::string_view value) const override;
    // table, or schema.table where schema names an attached database.
    std::string qualified_table(std::string_view schema, std::string_view table) const override;
    // The one SqliteCompiler (plugins/sqlite/sqlite_compiler.hpp), as long-lived as
    // instance().
    const engine::ops::DdlCompiler& compiler() const override;
};

} // namespace fleet::plugins::sqlite
