#include "engine/ops/ddl_compiler.hpp"
#include "engine/ops/ddl_compiler_support.hpp"

#include "engine/error.hpp"
#include "engine/ops/dialect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

// The pieces the default renderers share (ddl_compiler.cpp holds the
// renderers): type names, column definitions, defaults, literals, constraint
// clauses, comments and names.
namespace fleet::engine::ops {

namespace {

using detail::fail;
using detail::one;

// Standard SQL spells the integer kinds and most others alike everywhere;
// dialects override the rest.
std::string standard_type_name(const ColumnType& type) {
    using K = ColumnType::Kind;
    switch (type.kind) {
    case K::smallint:
        return "SMALLINT";
    case K::integer:
        return "INTEGER";
    case K::bigint:
        return "BIGINT";
    case K::boolean:
        return "BOOLEAN";
    case K::text:
        return "TEXT";
    case K::varchar:
        return type.length ? fmt::format("VARCHAR({})", *type.length) : std::string("VARCHAR");
    case K::fixed_char:
        return type.length ? fmt::format("CHAR({})", *type.length) : std::string("CHAR");
    case K::numeric:
        if (type.precision && type.scale) {
            return fmt::format("NUMERIC({}, {})", *type.precision, *type.scale);
        }
        if (type.precision) return fmt::format("NUMERIC({})", *type.precision);
        return "NUMERIC";
    case K::real:
        return "REAL";
    case K::double_precision:
        return "DOUBLE PRECISION";
    case K::date:
        return "DATE";
    case K::time:
        return "TIME";
    case K::timestamp:
        return "TIMESTAMP";
    case K::timestamptz:
        return "TIMESTAMP WITH TIME ZONE";
    case K::json:
        return "JSON";
    case K::uuid:
        return "UUID";
    case K::binary:
        return "BLOB";
    case K::enumeration:
        return "";
    case K::per_dialect:
        return "";
    case K::raw:
        return type.raw;
    }
    return type.raw;
}

} // namespace

std::string DdlCompiler::type_name(const ColumnType& type) const {
    if (type.kind == ColumnType::Kind::per_dialect) {
        auto own = type.by_dialect.find(std::string(m_dialect.name()));
        if (own == type.by_dialect.end()) {
            fail(fmt::format("the type {} has no entry for {}", portable_name(type),
                             m_dialect.name()));
        }
        return own->second;
    }
    if (type.kind == ColumnType::Kind::enumeration) return name(type.enum_name);
    return standard_type_name(type);
}

std::string DdlCompiler::column_definition(const Column& column, const RenderContext&) const {
    std::string sql = name(column.name) + " " + type_name(column.type);
    if (column.server_default) sql += " DEFAULT " + default_expression(*column.server_default);
    if (!column.nullable || column.primary_key) sql += " NOT NULL";
    return sql;
}

std::string DdlCompiler::default_expression(const ServerDefault& value) const {
    switch (value.kind) {
    case ServerDefault::Kind::literal:
        return literal(value.value);
    case ServerDefault::Kind::expression: {
        std::string upper = value.expression;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
        return upper;
    }
    case ServerDefault::Kind::sql:
        break;
    }
    auto own = value.by_dialect.find(std::string(m_dialect.name()));
    const std::string& sql = own != value.by_dialect.end() ? own->second : value.sql;
    if (sql.empty()) fail(fmt::format("server_default has no SQL for {}", m_dialect.name()));
    return sql;
}

std::string DdlCompiler::literal(const Literal& value) const {
    switch (value.kind) {
    case Literal::Kind::null:
        return "NULL";
    case Literal::Kind::boolean:
        return value.text == "true" ? "true" : "false";
    case Literal::Kind::number:
        return value.text;
    case Literal::Kind::string:
        return m_dialect.quote_literal(value.text);
    }
    return "NULL";
}

std::string DdlCompiler::primary_key_clause(const PrimaryKey& key) const {
    std::string named = key.name.empty() ? "" : "CONSTRAINT " + name(key.name) + " ";
    return named + "PRIMARY KEY " + name_list(key.columns);
}

std::string DdlCompiler::unique_clause(const UniqueConstraint& constraint) const {
    std::string named = constraint.name.empty() ? "" : "CONSTRAINT " + name(constraint.name) + " ";
    return named + "UNIQUE " + name_list(constraint.columns);
}

std::string DdlCompiler::check_clause(const CheckConstraint& check) const {
    std::string named = check.name.empty() ? "" : "CONSTRAINT " + name(check.name) + " ";
    return named + "CHECK (" + check.condition + ")";
}

std::string DdlCompiler::foreign_key_clause(const ForeignKey& key) const {
    std::string named = key.name.empty() ? "" : "CONSTRAINT " + name(key.name) + " ";
    return named + "FOREIGN KEY" + name_list(key.columns) + " " + references_clause(key);
}

std::string DdlCompiler::references_clause(const ForeignKey& key) const {
    std::string sql =
        fmt::format("REFERENCES {} {}", table_name(key.referred_schema, key.referred_table),
                    name_list(key.referred_columns));
    if (!key.ondelete.empty()) sql += " ON DELETE " + key.ondelete;
    if (!key.onupdate.empty()) sql += " ON UPDATE " + key.onupdate;
    return sql;
}

std::vector<Statement> DdlCompiler::table_comment(std::string_view schema, std::string_view table,
                                                  const std::string& comment,
                                                  const RenderContext& c) const {
    if (!capabilities(c).comments) return {};
    return one(comment_on_table(schema, table, comment));
}

std::string DdlCompiler::comment_on_table(std::string_view schema, std::string_view table,
                                          const std::string& comment) const {
    return fmt::format("COMMENT ON TABLE {} IS {}", table_name(schema, table),
                       comment.empty() ? "NULL" : m_dialect.quote_literal(comment));
}

std::vector<Statement> DdlCompiler::column_comment(std::string_view schema, std::string_view table,
                                                   std::string_view column,
                                                   const std::string& comment,
                                                   const RenderContext& c) const {
    if (!capabilities(c).comments) return {};
    return one(fmt::format("COMMENT ON COLUMN {}.{} IS {}", table_name(schema, table), name(column),
                           comment.empty() ? "NULL" : m_dialect.quote_literal(comment)));
}

std::string DdlCompiler::table_name(std::string_view schema, std::string_view table) const {
    return m_dialect.qualified_table(schema, table);
}

std::string DdlCompiler::name(std::string_view identifier) const {
    return m_dialect.quote_identifier(identifier);
}

std::string DdlCompiler::name_list(const std::vector<std::string>& identifiers) const {
    std::vector<std::string> quoted;
    for (const auto& identifier : identifiers)
        quoted.push_back(name(identifier));
    return fmt::format("({})", fmt::join(quoted, ", "));
}

} // namespace fleet::engine::ops
