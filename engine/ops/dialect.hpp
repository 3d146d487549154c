#pragma once

#include "engine/ops/operation.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace fleet::engine::ops {

// What a database can do; the engine asks these flags, never a dialect's name.
struct Capabilities {
    bool transactional_ddl = true; // DDL inside BEGIN/COMMIT rolls back
    // Several reads cost less inside one read transaction: an embedded file,
    // where each statement outside one takes and drops the file lock. A
    // server would only pay two round trips for BEGIN and COMMIT.
    bool grouped_reads = false;
    // The dialect keeps COMMENT ON TABLE/COLUMN; without it comments are
    // not rendered (SQLite has nowhere to keep them, as in SQLAlchemy).
    bool comments = true;
    // ALTER TABLE ... RENAME COLUMN (SQLite 3.25+); without it a rename is
    // a table rebuild.
    bool rename_column = true;
    // ALTER TABLE ... DROP COLUMN (SQLite 3.35+); without it a drop is a
    // table rebuild.
    bool drop_column = true;
    // A database lives on a server, made and removed by CREATE DATABASE and
    // DROP DATABASE (PostgreSQL); without it a database is a file (SQLite).
    // Where autogenerate makes its scratch databases.
    bool server_databases = true;
};

// Renders operations and identifiers for one SQL dialect. Implementations live
// in plugins/ and are pure: no connection, no state, safe from any thread.
class DdlCompiler;

class Dialect {
  public:
    virtual ~Dialect() = default;

    // "postgresql" or "sqlite": the key of per-dialect sections in scripts.
    virtual std::string_view name() const = 0;
    virtual const Capabilities& capabilities() const = 0;

    // An identifier quoted only where the dialect needs it (as SQLAlchemy does:
    // plain lower-case names stay bare, so output reads like Alembic's).
    virtual std::string quote_identifier(std::string_view name) const = 0;
    // A string literal: 'it''s'.
    virtual std::string quote_literal(std::string_view value) const = 0;
    // schema.table, or table when schema is empty.
    virtual std::string qualified_table(std::string_view schema, std::string_view table) const = 0;

    // The dialect's compiler (ddl_compiler.hpp): operations to SQL, with the
    // schema model and capabilities as context. Lives as long as the dialect.
    virtual const DdlCompiler& compiler() const = 0;

    // The SQL statements of one operation rendered without context (an empty,
    // incomplete schema model; the dialect's default capabilities): enough
    // for an execute. Throws InputError when the operation cannot be
    // rendered so. Defined in ddl_compiler.cpp, over compiler().
    std::vector<std::string> render(const Operation& op) const;
};

} // namespace fleet::engine::ops
