#include "plugins/postgres/postgres_compiler.hpp"

#include "engine/error.hpp"
#include "engine/ops/dialect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
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

// Whether a default is a label the type is losing: it cannot be put back.
bool names_removed_label(const std::optional<ServerDefault>& value, const EnumRelabel& change) {
    if (!value || value->kind != ServerDefault::Kind::literal ||
        value->value.kind != Literal::Kind::string)
        return false;
    const auto& labels = change.after;
    return std::find(labels.begin(), labels.end(), value->value.text) == labels.end();
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

std::vector<Statement> PostgresCompiler::alter_column(const AlterColumn& op,
                                                      const RenderContext& c) const {
    if (!op.type || op.type->kind != ColumnType::Kind::enumeration)
        return DdlCompiler::alter_column(op, c);
    AlterColumn rest = op;
    const Column* now = find_column(*c.schema, op.schema, op.table, op.column);
    if (now != nullptr && now->type == *op.type) {
        // An earlier step changed the type this column shares.
        rest.type.reset();
        return DdlCompiler::alter_column(rest, c);
    }
    const auto change = enum_relabel(op, *c.schema);
    if (!change) {
        if (op.postgresql_using.empty()) {
            rest.postgresql_using =
                fmt::format("{}::text::{}", name(op.column), name(op.type->enum_name));
            rest.postgresql_using_cast = false;
        }
        return DdlCompiler::alter_column(rest, c);
    }
    rest.type.reset();
    std::vector<Statement> out;
    if (const auto added = labels_added(*change)) {
        for (const auto& label : *added) {
            std::string sql = fmt::format("ALTER TYPE {} ADD VALUE IF NOT EXISTS {}",
                                          name(change->name), dialect().quote_literal(label.label));
            if (!label.neighbour.empty())
                sql += fmt::format(" {} {}", label.after ? "AFTER" : "BEFORE",
                                   dialect().quote_literal(label.neighbour));
            out.push_back({std::move(sql), true});
        }
    } else {
        out = remake_enum(*change, op, c);
        rest.server_default.reset(); // put back by remake_enum
    }
    auto body = DdlCompiler::alter_column(rest, c);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

std::vector<Statement> PostgresCompiler::remake_enum(const EnumRelabel& change,
                                                     const AlterColumn& op,
                                                     const RenderContext& c) const {
    struct User {
        std::string schema, table, column;
        std::optional<ServerDefault> now, wanted; // the default now, and after the step
    };
    std::vector<User> users;
    bool has_op_column = false;
    for (const TableModel* table : c.schema->tables()) {
        for (const auto& column : table->columns) {
            if (column.type.kind != ColumnType::Kind::enumeration ||
                column.type.enum_name != change.name)
                continue;
            User user{table->schema, table->name, column.name, column.server_default,
                      column.server_default};
            if (table->schema == op.schema && table->name == op.table && column.name == op.column) {
                has_op_column = true;
                if (op.server_default) user.wanted = *op.server_default;
            } else if (names_removed_label(column.server_default, change)) {
                // Its own step (autogenerate writes one for each column of
                // the type) gives it the default it is to have.
                user.wanted.reset();
            }
            users.push_back(std::move(user));
        }
    }
    if (!has_op_column) {
        // The replayed revisions do not know the column (an execute made it).
        std::optional<ServerDefault> now;
        if (op.existing_server_default) now = *op.existing_server_default;
        users.push_back({op.schema, op.table, op.column, now, op.server_default.value_or(now)});
    }
    const std::string type = name(change.name);
    const std::string old = name(change.name + "_old");
    std::vector<std::string> labels;
    for (const auto& label : change.after)
        labels.push_back(dialect().quote_literal(label));
    std::vector<Statement> out;
    out.push_back({fmt::format("ALTER TYPE {} RENAME TO {}", type, old), false});
    out.push_back(
        {fmt::format("CREATE TYPE {} AS ENUM ({})", type, fmt::join(labels, ", ")), false});
    for (const auto& user : users) {
        // A default of the old type cannot be cast over with the column.
        const std::string prefix =
            fmt::format("ALTER TABLE {} ALTER COLUMN {}", table_name(user.schema, user.table),
                        name(user.column));
        if (user.now) out.push_back({prefix + " DROP DEFAULT", false});
        out.push_back(
            {fmt::format("{} TYPE {} USING {}::text::{}", prefix, type, name(user.column), type),
             false});
        if (user.wanted)
            out.push_back({prefix + " SET DEFAULT " + default_expression(*user.wanted), false});
    }
    out.push_back({fmt::format("DROP TYPE {}", old), false});
    return out;
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
