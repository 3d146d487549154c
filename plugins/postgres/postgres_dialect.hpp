#pragma once

#include "engine/ops/dialect.hpp"

namespace fleet::plugins::postgres {

// PostgreSQL's SQL: identifiers quoted as SQLAlchemy's PostgreSQL dialect
// does, transactional DDL, schemas, ALTER COLUMN in place. Pure and
// stateless: safe from any thread.
class PostgresDialect final : public engine::ops::Dialect {
  public:
    // The one shared instance; lives for the whole program.
    static const PostgresDialect& instance();

    // "postgresql".
    std::string_view name() const override;
    // {transactional_ddl = true, grouped_reads = false}.
    const engine::ops::Capabilities& capabilities() const override;
    // Bare when a plain lower-case name that is not a PostgreSQL reserved
    // word, else "quoted".
    std::string quote_identifier(std::string_view name) const override;
    // 'it''s' (standard_conforming_strings, on by default since 9.1).
    std::string quote_literal(std::string_view value) const override;
    // table, or schema.table.
    std::string qualified_table(std::string_view schema, std::string_view table) const override;
    // The one PostgresCompiler (plugins/postgres/postgres_compiler.hpp), as long-lived as
    // instance().
    const engine::ops::DdlCompiler& compiler() const override;
};

} // namespace fleet::plugins::postgres
