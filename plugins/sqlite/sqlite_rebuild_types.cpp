// SQLite's spelling of portable types, defaults and literals for the columns
// a rebuild changes or adds, as SQLAlchemy's SQLite dialect writes them.
// Temporary: plugins/sqlite/sqlite_compiler has the dialect's own renderers;
// these three go once the rebuild is wired to it.
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "plugins/sqlite/sqlite_rebuild_columns.hpp"

#include <fmt/format.h>

namespace fleet::plugins::sqlite {

namespace ops = engine::ops;

std::string rebuild_type_sql(const ops::ColumnType& type) {
    using Kind = ops::ColumnType::Kind;
    switch (type.kind) {
    case Kind::smallint:
        return "SMALLINT";
    case Kind::integer:
        return "INTEGER";
    case Kind::bigint:
        return "BIGINT";
    case Kind::boolean:
        return "BOOLEAN";
    case Kind::text:
        return "TEXT";
    case Kind::varchar:
        return type.length ? fmt::format("VARCHAR({})", *type.length) : "VARCHAR";
    case Kind::fixed_char:
        return type.length ? fmt::format("CHAR({})", *type.length) : "CHAR";
    case Kind::numeric:
        if (type.precision && type.scale)
            return fmt::format("NUMERIC({}, {})", *type.precision, *type.scale);
        if (type.precision) return fmt::format("NUMERIC({})", *type.precision);
        return "NUMERIC";
    case Kind::real:
        return "REAL";
    case Kind::double_precision:
        return "DOUBLE";
    case Kind::date:
        return "DATE";
    case Kind::time:
        return "TIME";
    case Kind::timestamp:
    case Kind::timestamptz:
        return "DATETIME";
    case Kind::json:
        return "JSON";
    case Kind::uuid:
        return "CHAR(32)";
    case Kind::binary:
        return "BLOB";
    case Kind::enumeration: {
        std::size_t longest = 1;
        for (const auto& v : type.enum_values)
            longest = std::max(longest, v.size());
        return fmt::format("VARCHAR({})", longest);
    }
    case Kind::per_dialect: {
        const auto own = type.by_dialect.find("sqlite");
        return own != type.by_dialect.end() ? own->second : type.raw;
    }
    case Kind::raw:
        return type.raw;
    }
    return type.raw;
}

std::string rebuild_literal_sql(const ops::Literal& value) {
    switch (value.kind) {
    case ops::Literal::Kind::null:
        return "NULL";
    case ops::Literal::Kind::boolean:
        return value.text == "true" ? "1" : "0";
    case ops::Literal::Kind::number:
        return value.text;
    case ops::Literal::Kind::string:
        return SqliteDialect::instance().quote_literal(value.text);
    }
    return "NULL";
}

std::string rebuild_default_sql(const ops::ServerDefault& value) {
    return "DEFAULT " + rebuild_default_value_sql(value);
}

std::string rebuild_default_value_sql(const ops::ServerDefault& value) {
    switch (value.kind) {
    case ops::ServerDefault::Kind::literal:
        return rebuild_literal_sql(value.value);
    case ops::ServerDefault::Kind::expression: {
        std::string upper;
        for (char c : value.expression)
            upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return upper;
    }
    case ops::ServerDefault::Kind::sql: {
        const auto own = value.by_dialect.find("sqlite");
        return "(" + (own != value.by_dialect.end() ? own->second : value.sql) + ")";
    }
    }
    return "NULL";
}

} // namespace fleet::plugins::sqlite
