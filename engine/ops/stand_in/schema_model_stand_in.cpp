// STAND-IN, built only while engine/ops/schema_model.cpp is missing (see
// ../CMakeLists.txt): a minimal SchemaModel (helper "model" writes the real
// one) so the compiler links and its tests can build a schema. It checks
// nothing and raises no errors. Not the real thing.
#include "engine/ops/schema_model.hpp"

#include <algorithm>
#include <type_traits>

namespace fleet::engine::ops {

const Column* TableModel::find_column(std::string_view column) const {
    for (const auto& c : columns) {
        if (c.name == column) return &c;
    }
    return nullptr;
}

const TableModel* SchemaModel::find_table(std::string_view schema, std::string_view name) const {
    auto it = m_tables.find({std::string(schema), std::string(name)});
    return it == m_tables.end() ? nullptr : &it->second;
}

std::vector<const TableModel*> SchemaModel::tables() const {
    std::vector<const TableModel*> out;
    for (const auto& [key, table] : m_tables)
        out.push_back(&table);
    return out;
}

void SchemaModel::apply(const Operation& op, const std::string&) {
    auto table = [&](const std::string& schema, const std::string& name) -> TableModel* {
        auto it = m_tables.find({schema, name});
        return it == m_tables.end() ? nullptr : &it->second;
    };
    auto column = [](TableModel* t, const std::string& name) -> Column* {
        if (t == nullptr) return nullptr;
        for (auto& c : t->columns) {
            if (c.name == name) return &c;
        }
        return nullptr;
    };
    std::visit(
        [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, Execute>) {
                m_complete = false;
            } else if constexpr (std::is_same_v<T, CreateTable>) {
                TableModel t{o.schema, o.name,         o.columns, o.primary_key, o.unique,
                             o.checks, o.foreign_keys, {},        o.comment};
                m_tables[{o.schema, o.name}] = std::move(t);
            } else if constexpr (std::is_same_v<T, DropTable>) {
                m_tables.erase({o.schema, o.name});
            } else if constexpr (std::is_same_v<T, RenameTable>) {
                auto it = m_tables.find({o.schema, o.table});
                if (it == m_tables.end()) return;
                TableModel t = std::move(it->second);
                m_tables.erase(it);
                t.name = o.new_name;
                m_tables[{o.schema, o.new_name}] = std::move(t);
            } else if constexpr (std::is_same_v<T, AddColumn>) {
                if (auto* t = table(o.schema, o.table)) t->columns.push_back(o.column);
            } else if constexpr (std::is_same_v<T, DropColumn>) {
                if (auto* t = table(o.schema, o.table)) {
                    std::erase_if(t->columns, [&](const Column& c) { return c.name == o.column; });
                }
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
                Column* c = column(table(o.schema, o.table), o.column);
                if (c == nullptr) return;
                if (o.type) c->type = *o.type;
                if (o.nullable) c->nullable = *o.nullable;
                if (o.server_default) c->server_default = *o.server_default;
                if (o.comment) c->comment = *o.comment;
                if (o.new_column_name) c->name = *o.new_column_name;
            } else if constexpr (std::is_same_v<T, CreateIndex>) {
                if (auto* t = table(o.schema, o.table)) t->indexes.push_back(o);
            } else if constexpr (std::is_same_v<T, DropIndex>) {
                for (auto& [key, t] : m_tables) {
                    std::erase_if(t.indexes,
                                  [&](const CreateIndex& i) { return i.name == o.name; });
                }
            } else if constexpr (std::is_same_v<T, CreatePrimaryKey>) {
                if (auto* t = table(o.schema, o.table)) t->primary_key = o.key;
            } else if constexpr (std::is_same_v<T, CreateUniqueConstraint>) {
                if (auto* t = table(o.schema, o.table)) t->unique.push_back(o.constraint);
            } else if constexpr (std::is_same_v<T, CreateForeignKey>) {
                if (auto* t = table(o.schema, o.table)) t->foreign_keys.push_back(o.key);
            } else if constexpr (std::is_same_v<T, CreateCheckConstraint>) {
                if (auto* t = table(o.schema, o.table)) t->checks.push_back(o.check);
            } else if constexpr (std::is_same_v<T, DropConstraint>) {
                if (auto* t = table(o.schema, o.table)) {
                    if (t->primary_key && t->primary_key->name == o.name) t->primary_key.reset();
                    std::erase_if(t->unique, [&](const auto& u) { return u.name == o.name; });
                    std::erase_if(t->checks, [&](const auto& u) { return u.name == o.name; });
                    std::erase_if(t->foreign_keys, [&](const auto& u) { return u.name == o.name; });
                }
            }
        },
        op);
    m_enums.clear();
    for (const auto& [key, t] : m_tables) {
        for (const auto& c : t.columns) {
            if (c.type.kind == ColumnType::Kind::enumeration) {
                m_enums.emplace(c.type.enum_name, c.type.enum_values);
            }
        }
    }
}

} // namespace fleet::engine::ops
