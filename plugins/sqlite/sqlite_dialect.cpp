#include "plugins/sqlite/sqlite_dialect.hpp"

#include "plugins/sql_quoting.hpp"
#include "plugins/sqlite/sqlite_compiler.hpp"

namespace fleet::plugins::sqlite {

namespace {

// SQLAlchemy's SQLiteIdentifierPreparer.reserved_words.
const ReservedWords k_reserved{
    "add",          "after",
    "all",          "alter",
    "analyze",      "and",
    "as",           "asc",
    "attach",       "autoincrement",
    "before",       "begin",
    "between",      "by",
    "cascade",      "case",
    "cast",         "check",
    "collate",      "column",
    "commit",       "conflict",
    "constraint",   "create",
    "cross",        "current_date",
    "current_time", "current_timestamp",
    "database",     "default",
    "deferrable",   "deferred",
    "delete",       "desc",
    "detach",       "distinct",
    "drop",         "each",
    "else",         "end",
    "escape",       "except",
    "exclusive",    "exists",
    "explain",      "false",
    "fail",         "for",
    "foreign",      "from",
    "full",         "glob",
    "group",        "having",
    "if",           "ignore",
    "immediate",    "in",
    "index",        "indexed",
    "initially",    "inner",
    "insert",       "instead",
    "intersect",    "into",
    "is",           "isnull",
    "join",         "key",
    "left",         "like",
    "limit",        "match",
    "natural",      "not",
    "notnull",      "null",
    "of",           "offset",
    "on",           "or",
    "order",        "outer",
    "plan",         "pragma",
    "primary",      "query",
    "raise",        "references",
    "reindex",      "rename",
    "replace",      "restrict",
    "right",        "rollback",
    "row",          "select",
    "set",          "table",
    "temp",         "temporary",
    "then",         "to",
    "transaction",  "trigger",
    "true",         "union",
    "unique",       "update",
    "using",        "vacuum",
    "values",       "view",
    "virtual",      "when",
    "where",
};

constexpr engine::ops::Capabilities k_capabilities{
    .transactional_ddl = true,
    .grouped_reads = true,
    .comments = false,
    // The SQLite fleet links (3.40) has both; a connection to an older
    // library reports its own.
    .rename_column = true,
    .drop_column = true,
    .server_databases = false,
};

} // namespace

const SqliteDialect& SqliteDialect::instance() {
    static const SqliteDialect k_instance;
    return k_instance;
}

std::string_view SqliteDialect::name() const { return "sqlite"; }

const engine::ops::Capabilities& SqliteDialect::capabilities() const { return k_capabilities; }

std::string SqliteDialect::quote_identifier(std::string_view name) const {
    return plugins::quote_identifier(name, k_reserved);
}

std::string SqliteDialect::quote_literal(std::string_view value) const {
    return single_quoted(value);
}

std::string SqliteDialect::qualified_table(std::string_view schema, std::string_view table) const {
    if (schema.empty()) return quote_identifier(table);
    return quote_identifier(schema) + "." + quote_identifier(table);
}

const engine::ops::DdlCompiler& SqliteDialect::compiler() const {
    static const SqliteCompiler k_compiler(instance());
    return k_compiler;
}

} // namespace fleet::plugins::sqlite
