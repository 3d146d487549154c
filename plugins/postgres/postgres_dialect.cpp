#include "plugins/postgres/postgres_dialect.hpp"

#include "plugins/postgres/postgres_compiler.hpp"
#include "plugins/sql_quoting.hpp"

namespace fleet::plugins::postgres {

namespace {

// SQLAlchemy's postgresql RESERVED_WORDS.
const ReservedWords k_reserved{
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "current_catalog",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "grant",
    "group",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "leading",
    "limit",
    "localtime",
    "localtimestamp",
    "new",
    "not",
    "null",
    "of",
    "off",
    "offset",
    "old",
    "on",
    "only",
    "or",
    "order",
    "placing",
    "primary",
    "references",
    "returning",
    "select",
    "session_user",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
    "authorization",
    "between",
    "binary",
    "cross",
    "current_schema",
    "freeze",
    "full",
    "ilike",
    "inner",
    "is",
    "isnull",
    "join",
    "left",
    "like",
    "natural",
    "notnull",
    "outer",
    "over",
    "overlaps",
    "right",
    "similar",
    "verbose",
};

constexpr engine::ops::Capabilities k_capabilities{
    .transactional_ddl = true,
    .grouped_reads = false,
};

} // namespace

const PostgresDialect& PostgresDialect::instance() {
    static const PostgresDialect k_instance;
    return k_instance;
}

std::string_view PostgresDialect::name() const { return "postgresql"; }

const engine::ops::Capabilities& PostgresDialect::capabilities() const { return k_capabilities; }

std::string PostgresDialect::quote_identifier(std::string_view name) const {
    return plugins::quote_identifier(name, k_reserved);
}

std::string PostgresDialect::quote_literal(std::string_view value) const {
    return single_quoted(value);
}

std::string PostgresDialect::qualified_table(std::string_view schema,
                                             std::string_view table) const {
    if (schema.empty()) return quote_identifier(table);
    return quote_identifier(schema) + "." + quote_identifier(table);
}

const engine::ops::DdlCompiler& PostgresDialect::compiler() const {
    static const PostgresCompiler k_compiler(instance());
    return k_compiler;
}

} // namespace fleet::plugins::postgres
