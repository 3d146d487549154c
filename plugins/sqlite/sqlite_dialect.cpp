#include "plugins/sqlite/sqlite_dialect.hpp"

#include "engine/error.hpp"
#include "plugins/sql_quoting.hpp"

#include <fmt/format.h>

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

std::vector<std::string> SqliteDialect::render(const engine::ops::Operation& op) const {
    if (const auto* execute = std::get_if<engine::ops::Execute>(&op)) {
        return render_execute(*execute, name());
    }
    throw InputError({}, engine::ops::source_line(op),
                     fmt::format("this operation cannot be rendered for {}", name()));
}

} // namespace fleet::plugins::sqlite
