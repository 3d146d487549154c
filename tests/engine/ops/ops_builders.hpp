#pragma once

#include "engine/ops/operation.hpp"

#include <string>
#include <vector>

// Short ways to write the operations the op-model tests apply.
namespace fleet::engine::ops::testing {

inline ColumnType type_of(ColumnType::Kind kind) {
    ColumnType type;
    type.kind = kind;
    return type;
}

inline Column column(std::string name, ColumnType::Kind kind = ColumnType::Kind::integer,
                     bool nullable = true) {
    Column c;
    c.name = std::move(name);
    c.type = type_of(kind);
    c.nullable = nullable;
    return c;
}

inline ColumnType enum_type(std::string name, std::vector<std::string> values) {
    ColumnType type = type_of(ColumnType::Kind::enumeration);
    type.enum_name = std::move(name);
    type.enum_values = std::move(values);
    return type;
}

// accounts(id pk, email unique, plan) with a check, at `line`.
inline CreateTable accounts(int line = 3) {
    CreateTable t;
    t.name = "accounts";
    t.columns = {column("id", ColumnType::Kind::bigint, false),
                 column("email", ColumnType::Kind::text, false), column("plan")};
    t.primary_key = PrimaryKey{"pk_accounts", {"id"}};
    t.unique = {UniqueConstraint{"uq_accounts_email", {"email"}}};
    t.checks = {CheckConstraint{"ck_accounts_plan", "plan > 0"}};
    t.line = line;
    return t;
}

// orders(id, account_id -> accounts.id ON DELETE CASCADE).
inline CreateTable orders(int line = 10) {
    CreateTable t;
    t.name = "orders";
    t.columns = {column("id", ColumnType::Kind::bigint, false), column("account_id")};
    t.primary_key = PrimaryKey{"pk_orders", {"id"}};
    t.foreign_keys = {ForeignKey{
        "fk_orders_account_id_accounts", {"account_id"}, "", "accounts", {"id"}, "CASCADE", ""}};
    t.line = line;
    return t;
}

inline CreateIndex index_on(std::string name, std::string table, std::string column_name,
                            int line = 20) {
    CreateIndex index;
    index.name = std::move(name);
    index.table = std::move(table);
    index.columns = {IndexPart{std::move(column_name), ""}};
    index.line = line;
    return index;
}

} // namespace fleet::engine::ops::testing
