#include "plugins/postgres/postgres_compiler.hpp"

#include "engine/error.hpp"
#include "engine/ops/dialect.hpp"

#include <fmt/format.h>

#include <map>
#include <type_traits>

namespace fleet::plugins::postgres {

using namespace engine::ops;

namespace {

// Enum name -> how many columns use it, and the values of each.
struct EnumUses {
    std::map<std::string, int> count;
    std::map<std::string, std::vector<std::string>> values;

    void add(const ColumnType& type, int delta) {
        if (type.kind != ColumnType::Kind::enumeration) return;
        count[type.enum_name] += delta;
        values.emplace(type.enum_name, type.enum_values);
    }
};

EnumUses uses_in(const SchemaModel& schema) {
    EnumUses uses;
    for (const TableModel* table : schema.tables()) {
        for (const auto& column : table->columns)
            uses.add(column.type, 1);
    }
    return uses;
}

const Column* find_column(const SchemaModel& schema, const std::string& table_schema,
                          const std::string& table, const std::string& column) {
    const TableModel* model = schema.find_table(table_schema, table);
    return model == nullptr ? nullptr : model->find_column(column);
}

// What the operation does to the enum counts: + for a column it adds (or
// retypes to an enum), - for one it removes (or retypes away from one).
void apply_to(EnumUses& uses, const Operation& op, const SchemaModel& schema) {
    std::visit(
        [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, CreateTable>) {
                for (const auto& column : o.columns)
                    uses.add(column.type, 1);
            } else if constexpr (std::is_same_v<T, DropTable>) {
                if (const TableModel* table = schema.find_table(o.schema, o.name)) {
                    for (const auto& column : table->columns)
                        uses.add(column.type, -1);
                }
            } else if constexpr (std::is_same_v<T, AddColumn>) {
                uses.add(o.column.type, 1);
            } else if constexpr (std::is_same_v<T, DropColumn>) {
                if (const Column* column = find_column(schema, o.schema, o.table, o.column)) {
                    uses.add(column->type, -1);
                }
            } else if constexpr (std::is_same_v<T, AlterColumn>) {
                if (!o.type) return;
                const Column* column = find_column(schema, o.schema, o.table, o.column);
                if (column != nullptr)
                    uses.add(column->type, -1);
                else if (o.existing_type)
                    uses.add(*o.existing_type, -1);
                uses.add(*o.type, 1);
            }
        },
        op);
}

} // namespace

std::vector<Statement> PostgresCompiler::render(const Operation& op, const RenderContext& c) const {
    std::vector<Statement> body = DdlCompiler::render(op, c);
    const EnumUses before = uses_in(*c.schema);
    EnumUses after = before;
    apply_to(after, op, *c.schema);
    std::vector<Statement> out;
    for (const auto& [enum_name, count] : after.count) {
        auto was = before.count.find(enum_name);
        if (count > 0 && (was == before.count.end() || was->second <= 0)) {
            std::vector<std::string> values;
            for (const auto& value : after.values.at(enum_name)) {
                values.push_back(dialect().quote_literal(value));
            }
            out.push_back({fmt::format("CREATE TYPE {} AS ENUM ({})", name(enum_name),
                                       fmt::join(values, ", ")),
                           false});
        }
    }
    out.insert(out.end(), body.begin(), body.end());
    for (const auto& [enum_name, count] : after.count) {
        auto was = before.count.find(enum_name);
        if (count <= 0 && was != before.count.end() && was->second > 0) {
            out.push_back({fmt::format("DROP TYPE {}", name(enum_name)), false});
        }
    }
    return out;
}

std::vector<Statement> PostgresCompiler::create_index(const CreateIndex& op,
                                                      const RenderContext& c) const {
    std::vector<Statement> out = DdlCompiler::create_index(op, c);
    if (op.postgresql_concurrently) {
        std::string& sql = out.front().sql;
        sql.insert(sql.find("INDEX") + 5, " CONCURRENTLY");
        out.front().outside_transaction = true;
    }
    return out;
}

std::vector<Statement> PostgresCompiler::drop_index(const DropIndex& op,
                                                    const RenderContext& c) const {
    if (!op.postgresql_concurrently) return DdlCompiler::drop_index(op, c);
    return {{fmt::format("DROP INDEX CONCURRENTLY {}", table_name(op.schema, op.name)), true}};
}

std::string PostgresCompiler::type_name(const ColumnType& type) const {
    using K = ColumnType::Kind;
    switch (type.kind) {
    case K::time:
        return "TIME WITHOUT TIME ZONE";
    case K::timestamp:
        return "TIMESTAMP WITHOUT TIME ZONE";
    case K::binary:
        return "BYTEA";
    default:
        return DdlCompiler::type_name(type);
    }
}

std::string PostgresCompiler::catalog_type(const ColumnType& type) const {
    using K = ColumnType::Kind;
    switch (type.kind) {
    case K::varchar:
        return type.length ? fmt::format("character varying({})", *type.length)
                           : std::string("character varying");
    case K::fixed_char:
        return fmt::format("character({})", type.length.value_or(1));
    case K::numeric:
        if (type.precision)
            return fmt::format("numeric({},{})", *type.precision, type.scale.value_or(0));
        return "numeric";
    default:
        return type_name(type);
    }
}

std::string PostgresCompiler::column_definition(const Column& column,
                                                const RenderContext& c) const {
    if (!is_autoincrement_key(column)) return DdlCompiler::column_definition(column, c);
    if (column.server_default) {
        throw InputError({}, 0,
                         fmt::format("column {} is an autoincrement key (an identity column) and "
                                     "cannot also have a server_default",
                                     column.name));
    }
    // Identity implies NOT NULL; SQLAlchemy writes no NOT NULL beside it.
    return fmt::format("{} {} GENERATED BY DEFAULT AS IDENTITY", name(column.name),
                       type_name(column.type));
}

} // namespace fleet::plugins::postgres
