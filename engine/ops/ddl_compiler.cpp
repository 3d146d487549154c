#include "engine/ops/ddl_compiler.hpp"
#include "engine/ops/ddl_compiler_support.hpp"

#include "engine/error.hpp"
#include "engine/ops/dialect.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

// The visit and the standard-SQL renderer of each operation; the pieces they
// share are in ddl_compiler_pieces.cpp.
namespace fleet::engine::ops {

namespace {

// A piece's error: the problem alone, located by render().
using detail::fail;
using detail::one;

using util::contains;

// Rows per INSERT of a bulk_insert: statements stay of a size every server
// and log reads comfortably.
constexpr std::size_t k_rows_per_insert = 500;

template <class... F> struct Overloaded : F... { using F::operator()...; };
// Spelled out for clang 14 (clang-tidy), which lacks C++20's aggregate deduction.
template <class... F> Overloaded(F...) -> Overloaded<F...>;

} // namespace

bool is_autoincrement_key(const Column& column) {
    return column.primary_key && column.autoincrement && is_integer(column.type);
}

std::vector<std::string> Dialect::render(const Operation& op) const {
    SchemaModel empty;
    empty.mark_incomplete();
    RenderContext context{&empty, &capabilities(), false, {}};
    std::vector<std::string> out;
    for (auto& statement : compiler().render(op, context))
        out.push_back(std::move(statement.sql));
    return out;
}

const Capabilities& DdlCompiler::capabilities(const RenderContext& c) const {
    return c.capabilities != nullptr ? *c.capabilities : m_dialect.capabilities();
}

std::vector<Statement> DdlCompiler::render(const std::vector<Operation>& ops, SchemaModel& schema,
                                           const RenderContext& context) const {
    std::vector<Statement> out;
    RenderContext c = context;
    c.schema = &schema;
    for (const auto& op : ops) {
        auto statements = render(op, c);
        out.insert(out.end(), statements.begin(), statements.end());
        schema.apply(op, context.file);
    }
    return out;
}

std::vector<Statement> DdlCompiler::render(const Operation& op,
                                           const RenderContext& context) const {
    try {
        return dispatch(op, context);
    } catch (const InputError& e) {
        if (!e.file().empty() || e.line() != 0) throw;
        throw InputError(context.file, source_line(op),
                         fmt::format("{}: {}", operation_name(op), e.what()));
    }
}

std::vector<Statement> DdlCompiler::dispatch(const Operation& op, const RenderContext& c) const {
    using R = std::vector<Statement>;
    return std::visit(
        Overloaded{
            [&](const Execute& o) -> R { return execute(o, c); },
            [&](const CreateTable& o) -> R { return create_table(o, c); },
            [&](const DropTable& o) -> R { return drop_table(o, c); },
            [&](const RenameTable& o) -> R { return rename_table(o, c); },
            [&](const AddColumn& o) -> R { return add_column(o, c); },
            [&](const DropColumn& o) -> R { return drop_column(o, c); },
            [&](const AlterColumn& o) -> R { return alter_column(o, c); },
            [&](const CreateIndex& o) -> R { return create_index(o, c); },
            [&](const DropIndex& o) -> R { return drop_index(o, c); },
            [&](const CreatePrimaryKey& o) -> R { return create_primary_key(o, c); },
            [&](const CreateUniqueConstraint& o) -> R { return create_unique_constraint(o, c); },
            [&](const CreateForeignKey& o) -> R { return create_foreign_key(o, c); },
            [&](const CreateCheckConstraint& o) -> R { return create_check_constraint(o, c); },
            [&](const DropConstraint& o) -> R { return drop_constraint(o, c); },
            [&](const BulkInsert& o) -> R { return bulk_insert(o, c); },
        },
        op);
}

// ---- the operations --------------------------------------------------------

std::vector<Statement> DdlCompiler::execute(const Execute& op, const RenderContext&) const {
    const std::string& text = op.sql_for(m_dialect.name());
    bool blank = std::all_of(text.begin(), text.end(),
                             [](unsigned char ch) { return std::isspace(ch) != 0; });
    if (blank) return {};
    return one(text);
}

std::vector<Statement> DdlCompiler::create_table(const CreateTable& op,
                                                 const RenderContext& c) const {
    if (op.columns.empty()) fail(fmt::format("table {} has no columns", op.name));
    std::optional<PrimaryKey> key = op.primary_key;
    std::vector<UniqueConstraint> unique = op.unique;
    std::vector<ForeignKey> foreign_keys = op.foreign_keys;
    // Column-level keys the reader did not move to the table become the
    // convention-named constraints they stand for.
    for (const auto& column : op.columns) {
        if (column.primary_key && !key) key = PrimaryKey{"pk_" + op.name, {}};
        if (column.primary_key && !contains(key->columns, column.name)) {
            key->columns.push_back(column.name);
        }
        if (column.unique) {
            unique.push_back({fmt::format("uq_{}_{}", op.name, column.name), {column.name}});
        }
        if (column.references) {
            ForeignKey fk = *column.references;
            fk.columns = {column.name};
            if (fk.name.empty()) {
                fk.name = fmt::format("fk_{}_{}_{}", op.name, column.name, fk.referred_table);
            }
            foreign_keys.push_back(std::move(fk));
        }
    }
    std::vector<std::string> parts;
    for (const auto& column : op.columns) {
        Column shown = column;
        shown.primary_key = key && contains(key->columns, column.name);
        // A one-column autoincrement key only: composite keys cannot count.
        if (shown.primary_key && key->columns.size() != 1) shown.autoincrement = false;
        parts.push_back(column_definition(shown, c));
    }
    if (key) parts.push_back(primary_key_clause(*key));
    for (const auto& u : unique)
        parts.push_back(unique_clause(u));
    for (const auto& check : op.checks)
        parts.push_back(check_clause(check));
    for (const auto& fk : foreign_keys)
        parts.push_back(foreign_key_clause(fk));
    std::string sql = fmt::format("CREATE TABLE {} (\n    {}\n)", table_name(op.schema, op.name),
                                  fmt::join(parts, ",\n    "));
    std::vector<Statement> out = one(std::move(sql));
    if (!op.comment.empty()) {
        auto comment = table_comment(op.schema, op.name, op.comment, c);
        out.insert(out.end(), comment.begin(), comment.end());
    }
    for (const auto& column : op.columns) {
        if (column.comment.empty()) continue;
        auto statements = column_comment(op.schema, op.name, column.name, column.comment, c);
        out.insert(out.end(), statements.begin(), statements.end());
    }
    return out;
}

std::vector<Statement> DdlCompiler::drop_table(const DropTable& op, const RenderContext&) const {
    return one(fmt::format("DROP TABLE {}", table_name(op.schema, op.name)));
}

std::vector<Statement> DdlCompiler::rename_table(const RenameTable& op,
                                                 const RenderContext&) const {
    return one(fmt::format("ALTER TABLE {} RENAME TO {}", table_name(op.schema, op.table),
                           name(op.new_name)));
}

std::vector<Statement> DdlCompiler::add_column(const AddColumn& op, const RenderContext& c) const {
    const Column& column = op.column;
    std::string sql = fmt::format("ALTER TABLE {} ADD COLUMN {}", table_name(op.schema, op.table),
                                  column_definition(column, c));
    if (column.primary_key) {
        sql += fmt::format(" CONSTRAINT {} PRIMARY KEY", name("pk_" + op.table));
    }
    if (column.unique) {
        sql += fmt::format(" CONSTRAINT {} UNIQUE",
                           name(fmt::format("uq_{}_{}", op.table, column.name)));
    }
    if (column.references) {
        const ForeignKey& fk = *column.references;
        std::string fk_name =
            fk.name.empty() ? fmt::format("fk_{}_{}_{}", op.table, column.name, fk.referred_table)
                            : fk.name;
        sql += fmt::format(" CONSTRAINT {} {}", name(fk_name), references_clause(fk));
    }
    std::vector<Statement> out = one(std::move(sql));
    if (!column.comment.empty()) {
        auto comment = column_comment(op.schema, op.table, column.name, column.comment, c);
        out.insert(out.end(), comment.begin(), comment.end());
    }
    return out;
}

std::vector<Statement> DdlCompiler::drop_column(const DropColumn& op, const RenderContext&) const {
    return one(fmt::format("ALTER TABLE {} DROP COLUMN {}", table_name(op.schema, op.table),
                           name(op.column)));
}

std::vector<Statement> DdlCompiler::alter_column(const AlterColumn& op,
                                                 const RenderContext& c) const {
    const std::string table = table_name(op.schema, op.table);
    const std::string column = name(op.column);
    const std::string prefix = fmt::format("ALTER TABLE {} ALTER COLUMN {}", table, column);
    std::vector<Statement> out;
    const bool default_changes = op.server_default.has_value();
    const std::optional<ServerDefault>* new_default =
        default_changes ? &*op.server_default : nullptr;
    if (default_changes && (op.type || !new_default->has_value())) {
        out.push_back({prefix + " DROP DEFAULT", false});
    }
    if (op.type) {
        std::string sql = fmt::format("{} TYPE {}", prefix, type_name(*op.type));
        if (!op.postgresql_using.empty())
            sql += " USING " + op.postgresql_using;
        else if (op.postgresql_using_cast)
            sql += fmt::format(" USING {}::{}", column, type_name(*op.type));
        out.push_back({std::move(sql), false});
    }
    if (op.nullable) {
        out.push_back({prefix + (*op.nullable ? " DROP NOT NULL" : " SET NOT NULL"), false});
    }
    if (default_changes && new_default->has_value()) {
        out.push_back({prefix + " SET DEFAULT " + default_expression(**new_default), false});
    }
    if (op.comment) {
        auto comment = column_comment(op.schema, op.table, op.column, *op.comment, c);
        out.insert(out.end(), comment.begin(), comment.end());
    }
    if (op.new_column_name) {
        out.push_back({fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", table, column,
                                   name(*op.new_column_name)),
                       false});
    }
    return out;
}

std::vector<Statement> DdlCompiler::create_index(const CreateIndex& op,
                                                 const RenderContext&) const {
    if (op.columns.empty()) fail(fmt::format("index {} has no columns", op.name));
    std::vector<std::string> parts;
    for (const auto& part : op.columns) {
        parts.push_back(part.column.empty() ? "(" + part.expression + ")" : name(part.column));
    }
    std::string sql =
        fmt::format("CREATE {}INDEX {} ON {} ({})", op.unique ? "UNIQUE " : "", name(op.name),
                    table_name(op.schema, op.table), fmt::join(parts, ", "));
    if (!op.where.empty()) sql += " WHERE " + op.where;
    return one(std::move(sql));
}

std::vector<Statement> DdlCompiler::drop_index(const DropIndex& op, const RenderContext&) const {
    return one(fmt::format("DROP INDEX {}", table_name(op.schema, op.name)));
}

std::vector<Statement> DdlCompiler::create_primary_key(const CreatePrimaryKey& op,
                                                       const RenderContext&) const {
    return one(fmt::format("ALTER TABLE {} ADD {}", table_name(op.schema, op.table),
                           primary_key_clause(op.key)));
}

std::vector<Statement> DdlCompiler::create_unique_constraint(const CreateUniqueConstraint& op,
                                                             const RenderContext&) const {
    return one(fmt::format("ALTER TABLE {} ADD {}", table_name(op.schema, op.table),
                           unique_clause(op.constraint)));
}

std::vector<Statement> DdlCompiler::create_foreign_key(const CreateForeignKey& op,
                                                       const RenderContext&) const {
    return one(fmt::format("ALTER TABLE {} ADD {}", table_name(op.schema, op.table),
                           foreign_key_clause(op.key)));
}

std::vector<Statement> DdlCompiler::create_check_constraint(const CreateCheckConstraint& op,
                                                            const RenderContext&) const {
    return one(fmt::format("ALTER TABLE {} ADD {}", table_name(op.schema, op.table),
                           check_clause(op.check)));
}

std::vector<Statement> DdlCompiler::drop_constraint(const DropConstraint& op,
                                                    const RenderContext&) const {
    return one(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table_name(op.schema, op.table),
                           name(op.name)));
}

std::vector<Statement> DdlCompiler::bulk_insert(const BulkInsert& op, const RenderContext&) const {
    std::vector<Statement> out;
    const std::string table = table_name(op.schema, op.table);
    std::size_t i = 0;
    while (i < op.rows.size()) {
        const auto& first = op.rows[i];
        auto same_columns = [&](const auto& row) {
            return row.size() == first.size() &&
                   std::equal(row.begin(), row.end(), first.begin(),
                              [](const auto& a, const auto& b) { return a.first == b.first; });
        };
        std::size_t end = i + 1;
        while (end < op.rows.size() && end - i < k_rows_per_insert && same_columns(op.rows[end])) {
            ++end;
        }
        if (first.empty()) {
            for (; i < end; ++i)
                out.push_back({fmt::format("INSERT INTO {} DEFAULT VALUES", table)});
            continue;
        }
        std::vector<std::string> columns;
        for (const auto& cell : first)
            columns.push_back(cell.first);
        std::vector<std::string> rows;
        for (; i < end; ++i) {
            std::vector<std::string> values;
            for (const auto& cell : op.rows[i])
                values.push_back(literal(cell.second));
            rows.push_back(fmt::format("({})", fmt::join(values, ", ")));
        }
        out.push_back({fmt::format("INSERT INTO {} {} VALUES {}", table, name_list(columns),
                                   fmt::join(rows, ", ")),
                       false});
    }
    return out;
}

std::string_view DdlCompiler::dialect_name() const { return m_dialect.name(); }

} // namespace fleet::engine::ops
