#pragma once

#include "engine/ops/operation.hpp"

#include <string>
#include <vector>

// Short spellings of the changes a rebuild takes, for the rebuild tests.
namespace fleet::test::changes {

namespace ops = engine::ops;

inline ops::ColumnType raw_type(const std::string& text) {
    ops::ColumnType type;
    type.kind = ops::ColumnType::Kind::raw;
    type.raw = text;
    return type;
}

inline ops::Operation set_nullable(const std::string& table, const std::string& column,
                                   bool nullable) {
    ops::AlterColumn op;
    op.table = table;
    op.column = column;
    op.nullable = nullable;
    op.line = 7;
    return op;
}

inline ops::Operation set_type(const std::string& table, const std::string& column,
                               const std::string& type) {
    ops::AlterColumn op;
    op.table = table;
    op.column = column;
    op.type = raw_type(type);
    op.line = 7;
    return op;
}

inline ops::Operation rename_column(const std::string& table, const std::string& column,
                                    const std::string& new_name) {
    ops::AlterColumn op;
    op.table = table;
    op.column = column;
    op.new_column_name = new_name;
    op.line = 7;
    return op;
}

inline ops::Operation set_default(const std::string& table, const std::string& column,
                                  std::optional<std::string> text) {
    ops::AlterColumn op;
    op.table = table;
    op.column = column;
    if (text) {
        ops::ServerDefault value;
        value.value = ops::Literal{ops::Literal::Kind::string, *text};
        op.server_default = value;
    } else {
        op.server_default = std::optional<ops::ServerDefault>{};
    }
    op.line = 7;
    return op;
}

inline ops::Operation drop_column(const std::string& table, const std::string& column) {
    ops::DropColumn op;
    op.table = table;
    op.column = column;
    op.line = 9;
    return op;
}

inline ops::Operation add_column(const std::string& table, ops::Column column) {
    ops::AddColumn op;
    op.table = table;
    op.column = std::move(column);
    op.line = 11;
    return op;
}

inline ops::Operation add_unique(const std::string& table, const std::string& name,
                                 std::vector<std::string> columns) {
    ops::CreateUniqueConstraint op;
    op.table = table;
    op.constraint = {name, std::move(columns)};
    op.line = 13;
    return op;
}

inline ops::Operation add_check(const std::string& table, const std::string& name,
                                const std::string& condition) {
    ops::CreateCheckConstraint op;
    op.table = table;
    op.check = {name, condition};
    op.line = 15;
    return op;
}

inline ops::Operation add_foreign_key(const std::string& table, ops::ForeignKey key) {
    ops::CreateForeignKey op;
    op.table = table;
    op.key = std::move(key);
    op.line = 17;
    return op;
}

inline ops::Operation drop_constraint(const std::string& table, const std::string& name,
                                      ops::ConstraintType type) {
    ops::DropConstraint op;
    op.table = table;
    op.name = name;
    op.type = type;
    op.line = 19;
    return op;
}

} // namespace fleet::test::changes
