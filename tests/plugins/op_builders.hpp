#pragma once

#include "engine/ops/operation.hpp"

#include <string>
#include <utility>
#include <vector>

// Short ways to write operations in tests, as a YAML revision would hold
// them after reading (names filled in, column keys moved to the table).
namespace fleet::tests::ops {

using namespace fleet::engine::ops;

inline ColumnType type(ColumnType::Kind kind, std::optional<int> length = {}) {
    ColumnType t;
    t.kind = kind;
    t.length = length;
    return t;
}

inline ColumnType numeric(int precision, int scale) {
    ColumnType t = type(ColumnType::Kind::numeric);
    t.precision = precision;
    t.scale = scale;
    return t;
}

inline ColumnType enumeration(std::string name, std::vector<std::string> values) {
    ColumnType t = type(ColumnType::Kind::enumeration);
    t.enum_name = std::move(name);
    t.enum_values = std::move(values);
    return t;
}

inline ColumnType per_dialect(std::string postgresql, std::string sqlite) {
    ColumnType t = type(ColumnType::Kind::per_dialect);
    t.by_dialect = {{"postgresql", std::move(postgresql)}, {"sqlite", std::move(sqlite)}};
    return t;
}

inline Column column(std::string name, ColumnType t, bool nullable = true) {
    Column c;
    c.name = std::move(name);
    c.type = std::move(t);
    c.nullable = nullable;
    return c;
}

inline Literal text(std::string value) { return {Literal::Kind::string, std::move(value)}; }
inline Literal number(std::string value) { return {Literal::Kind::number, std::move(value)}; }
inline Literal boolean(bool value) { return {Literal::Kind::boolean, value ? "true" : "false"}; }
inline Literal null() { return {}; }

inline ServerDefault literal_default(Literal value) {
    ServerDefault d;
    d.value = std::move(value);
    return d;
}

inline ServerDefault expression_default(std::string expression) {
    ServerDefault d;
    d.kind = ServerDefault::Kind::expression;
    d.expression = std::move(expression);
    return d;
}

inline ServerDefault sql_default(std::string sql) {
    ServerDefault d;
    d.kind = ServerDefault::Kind::sql;
    d.sql = std::move(sql);
    return d;
}

inline Column with_default(Column c, ServerDefault d) {
    c.server_default = std::move(d);
    return c;
}

// An autoincrement integer key column.
inline Column key(std::string name, ColumnType::Kind kind = ColumnType::Kind::bigint) {
    Column c = column(std::move(name), type(kind), false);
    c.autoincrement = true;
    return c;
}

inline ForeignKey foreign_key(std::string name, std::vector<std::string> columns,
                              std::string referred_table, std::vector<std::string> referred,
                              std::string ondelete = {}) {
    ForeignKey fk;
    fk.name = std::move(name);
    fk.columns = std::move(columns);
    fk.referred_table = std::move(referred_table);
    fk.referred_columns = std::move(referred);
    fk.ondelete = std::move(ondelete);
    return fk;
}

inline IndexPart part(std::string column) { return {std::move(column), {}}; }
inline IndexPart expression(std::string sql) { return {{}, std::move(sql)}; }

} // namespace fleet::tests::ops
