#include "plugins/sqlite/sqlite_compiler.hpp"

#include "engine/error.hpp"
#include "engine/ops/dialect.hpp"
#include "plugins/sqlite/sqlite_rebuild.hpp"
#include "plugins/sqlite/sqlite_rebuild_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <type_traits>

namespace fleet::plugins::sqlite {

using namespace engine::ops;

namespace {

std::string_view schema_of(const Operation& op) {
    return std::visit(
        [](const auto& o) -> std::string_view {
            if constexpr (requires { o.schema; })
                return o.schema;
            else
                return {};
        },
        op);
}

// The operations a rebuild can carry: column and constraint changes.
bool is_table_change(const Operation& op) {
    return std::holds_alternative<AddColumn>(op) || std::holds_alternative<DropColumn>(op) ||
           std::holds_alternative<AlterColumn>(op) ||
           std::holds_alternative<CreatePrimaryKey>(op) ||
           std::holds_alternative<CreateUniqueConstraint>(op) ||
           std::holds_alternative<CreateForeignKey>(op) ||
           std::holds_alternative<CreateCheckConstraint>(op) ||
           std::holds_alternative<DropConstraint>(op);
}

bool is_word_char(char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '$';
}

// Whether SQL text names `word` as a whole word, in any case: whether a
// CHECK condition or an index expression may use a column. A false "yes"
// only costs a rebuild where ALTER TABLE would have done.
bool mentions(std::string_view sql, std::string_view word) {
    auto lower = [](char ch) { return std::tolower(static_cast<unsigned char>(ch)); };
    for (std::size_t at = 0; at + word.size() <= sql.size(); ++at) {
        bool same = std::equal(word.begin(), word.end(), sql.begin() + static_cast<long>(at),
                               [&](char a, char b) { return lower(a) == lower(b); });
        if (!same) continue;
        bool starts = at == 0 || !is_word_char(sql[at - 1]);
        bool ends = at + word.size() == sql.size() || !is_word_char(sql[at + word.size()]);
        if (starts && ends) return true;
    }
    return false;
}

bool has(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// SQLite's ALTER TABLE ADD COLUMN rules (lang_altertable.html).
bool add_column_is_native(const Column& column) {
    const auto& value = column.server_default;
    bool null_default = !value || (value->kind == ServerDefault::Kind::literal &&
                                   value->value.kind == Literal::Kind::null);
    if (column.primary_key || column.unique) return false;
    // CURRENT_TIMESTAMP and SQL as written may not be constant.
    if (value && value->kind != ServerDefault::Kind::literal) return false;
    if (!column.nullable && null_default) return false;
    if (column.references && !null_default) return false;
    return true;
}

// SQLite's ALTER TABLE DROP COLUMN rules, plus fleet's own: no other
// table's foreign key may refer to the column (SQLite does not check that).
// A table the model does not know is left to SQLite to refuse.
bool drop_column_is_native(const DropColumn& op, const SchemaModel& schema) {
    const TableModel* table = schema.find_table(op.schema, op.table);
    if (table == nullptr) return true;
    const Column* column = table->find_column(op.column);
    if (column != nullptr && (column->primary_key || column->unique || column->references ||
                              column->type.kind == ColumnType::Kind::enumeration)) {
        return false;
    }
    if (table->primary_key && has(table->primary_key->columns, op.column)) return false;
    for (const auto& u : table->unique) {
        if (has(u.columns, op.column)) return false;
    }
    for (const auto& fk : table->foreign_keys) {
        if (has(fk.columns, op.column)) return false;
    }
    for (const auto& check : table->checks) {
        if (mentions(check.condition, op.column)) return false;
    }
    for (const auto& index : table->indexes) {
        if (mentions(index.where, op.column)) return false;
        for (const auto& part : index.columns) {
            if (part.column == op.column || mentions(part.expression, op.column)) return false;
        }
    }
    for (const TableModel* other : schema.tables()) {
        for (const auto& fk : other->foreign_keys) {
            if (fk.referred_table == op.table && fk.referred_schema == op.schema &&
                has(fk.referred_columns, op.column)) {
                return false;
            }
        }
        for (const auto& c : other->columns) {
            if (c.references && c.references->referred_table == op.table &&
                has(c.references->referred_columns, op.column)) {
                return false;
            }
        }
    }
    return true;
}

// The views, triggers and indexes of a live sqlite_master (rows of type,
// name, tbl_name, sql) that `catalog` lacks: what execute steps made. They
// go after the model's entries, in the order SQLite created them. An index
// a drop_index before this rebuild removed (in this revision or an earlier
// one of the run: the rows were read as the run began) stays dropped.
void add_unseen_entries(SchemaCatalog& catalog, const std::vector<std::vector<std::string>>& rows,
                        const SchemaModel& model) {
    std::set<std::string> known;
    for (const auto& entry : catalog)
        known.insert(entry.type + ' ' + entry.name);
    for (const auto& row : rows) {
        if (row.size() < 4 || row[3].empty()) continue; // automatic indexes have no SQL
        if (row[0] != "view" && row[0] != "trigger" && row[0] != "index") continue;
        if (known.count(row[0] + ' ' + row[1]) != 0) continue;
        if (row[0] == "index" && model.index_dropped("", row[1])) continue;
        catalog.push_back({row[0], row[1], row[2], row[3]});
    }
}

} // namespace

bool SqliteCompiler::needs_rebuild(const Operation& op, const RenderContext& c) const {
    const Capabilities& can = capabilities(c);
    if (const auto* add = std::get_if<AddColumn>(&op)) return !add_column_is_native(add->column);
    if (const auto* drop = std::get_if<DropColumn>(&op)) {
        return !can.drop_column || !drop_column_is_native(*drop, *c.schema);
    }
    if (const auto* alter = std::get_if<AlterColumn>(&op)) {
        // A comment alone changes nothing SQLite keeps.
        return alter->type || alter->nullable || alter->server_default ||
               (alter->new_column_name && !can.rename_column);
    }
    return is_table_change(op);
}

std::vector<Statement> SqliteCompiler::render(const std::vector<Operation>& ops,
                                              SchemaModel& schema, const RenderContext& c) const {
    std::vector<Statement> out;
    RenderContext here = c;
    here.schema = &schema;
    std::size_t i = 0;
    while (i < ops.size()) {
        const Operation& op = ops[i];
        if (is_table_change(op)) {
            // The stretch of changes to this table, and the schema after it.
            SchemaModel probe = schema;
            RenderContext at_probe = c;
            at_probe.schema = &probe;
            bool rebuild_needed = false;
            std::vector<const Operation*> changes;
            for (std::size_t j = i; j < ops.size(); ++j) {
                const Operation& next = ops[j];
                if (!is_table_change(next) || table_of(next) != table_of(op) ||
                    schema_of(next) != schema_of(op)) {
                    break;
                }
                rebuild_needed = rebuild_needed || needs_rebuild(next, at_probe);
                probe.apply(next, c.file);
                changes.push_back(&next);
            }
            if (rebuild_needed) {
                auto statements = rebuild_run(changes, schema, here);
                out.insert(out.end(), statements.begin(), statements.end());
                schema = std::move(probe);
                i += changes.size();
                continue;
            }
        }
        auto statements = render(op, here);
        out.insert(out.end(), statements.begin(), statements.end());
        schema.apply(op, c.file);
        ++i;
    }
    return out;
}

std::vector<Statement> SqliteCompiler::render(const Operation& op, const RenderContext& c) const {
    if (needs_rebuild(op, c)) return rebuild_run({&op}, *c.schema, c);
    return DdlCompiler::render(op, c);
}

std::vector<Statement> SqliteCompiler::rebuild_run(const std::vector<const Operation*>& changes,
                                                   const SchemaModel& schema,
                                                   const RenderContext& c) const {
    const Operation& first = *changes.front();
    const std::string table(table_of(first));
    const std::string table_schema(schema_of(first));
    const TableModel* before = schema.find_table(table_schema, table);
    if (before == nullptr) {
        throw InputError(c.file, source_line(first),
                         fmt::format("{}: table {} needs a table rebuild on SQLite, and its "
                                     "definition is not known from the revisions before (an "
                                     "execute made or changed it); write this change as execute "
                                     "steps",
                                     operation_name(first), table));
    }
    SchemaModel after = schema;
    for (const Operation* change : changes)
        after.apply(*change, c.file);
    const TableModel* rebuilt = after.find_table(table_schema, table);
    if (rebuilt == nullptr) {
        throw InputError(
            c.file, source_line(first),
            fmt::format("{}: table {} is gone after the change", operation_name(first), table));
    }
    RenderContext at_before = c;
    at_before.schema = &schema;
    return rebuild(*before, *rebuilt, changes, at_before);
}

std::vector<Statement> SqliteCompiler::rebuild(const TableModel& before, const TableModel&,
                                               const std::vector<const Operation*>& changes,
                                               const RenderContext& c) const {
    SchemaCatalog catalog = catalog_from_model(c.schema->tables(), [&](const Operation& op) {
        return DdlCompiler::render(op, c).front().sql;
    });
    if (c.catalog != nullptr) add_unseen_entries(catalog, *c.catalog, *c.schema);
    std::vector<Operation> ops;
    ops.reserve(changes.size());
    for (const Operation* change : changes)
        ops.push_back(*change);
    const Rebuild rebuilt = render_rebuild(catalog, before.name, ops, {.file = c.file});
    std::vector<Statement> out;
    out.reserve(rebuilt.statements.size());
    for (const auto& sql : rebuilt.statements)
        out.push_back({sql, false, rebuilt.foreign_keys_off});
    return out;
}

std::string SqliteCompiler::catalog_query() const { return std::string(k_schema_catalog_query); }

std::string SqliteCompiler::foreign_keys_query() const { return "PRAGMA foreign_keys"; }

std::string SqliteCompiler::foreign_keys_statement(bool on) const {
    return on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF";
}

// ---- the pieces -------------------------------------------------------------

std::string SqliteCompiler::type_name(const ColumnType& type) const {
    using K = ColumnType::Kind;
    switch (type.kind) {
    case K::timestamp:
    case K::timestamptz:
        return "DATETIME";
    case K::double_precision:
        return "DOUBLE";
    case K::uuid:
        return "CHAR(32)";
    case K::enumeration: {
        std::size_t longest = 1;
        for (const auto& value : type.enum_values)
            longest = std::max(longest, value.size());
        return fmt::format("VARCHAR({})", longest);
    }
    default:
        return DdlCompiler::type_name(type);
    }
}

std::string SqliteCompiler::column_definition(const Column& column, const RenderContext& c) const {
    if (is_autoincrement_key(column)) {
        // Exactly INTEGER: only that spelling makes the key the rowid alias.
        Column rowid = column;
        rowid.type = ColumnType{};
        rowid.type.kind = ColumnType::Kind::integer;
        return DdlCompiler::column_definition(rowid, c);
    }
    std::string sql = DdlCompiler::column_definition(column, c);
    if (column.type.kind == ColumnType::Kind::enumeration) {
        std::vector<std::string> values;
        for (const auto& value : column.type.enum_values) {
            values.push_back(dialect().quote_literal(value));
        }
        sql += fmt::format(" CHECK ({} IN ({}))", name(column.name), fmt::join(values, ", "));
    }
    return sql;
}

std::string SqliteCompiler::default_expression(const ServerDefault& value) const {
    std::string sql = DdlCompiler::default_expression(value);
    // SQLite takes an expression default only in parentheses.
    return value.kind == ServerDefault::Kind::sql ? "(" + sql + ")" : sql;
}

std::string SqliteCompiler::literal(const Literal& value) const {
    // 1 and 0, as SQLAlchemy writes booleans for SQLite (TRUE needs 3.23).
    if (value.kind == Literal::Kind::boolean) return value.text == "true" ? "1" : "0";
    return DdlCompiler::literal(value);
}

std::string SqliteCompiler::references_clause(const ForeignKey& key) const {
    ForeignKey local = key;
    local.referred_schema.clear();
    return DdlCompiler::references_clause(local);
}

} // namespace fleet::plugins::sqlite
