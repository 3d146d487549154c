#include "engine/ops/schema_model.hpp"

#include "engine/error.hpp"
#include "engine/ops/naming.hpp"
#include "engine/ops/schema_edits.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

// One applier per operation. While the model is complete every name an
// operation uses must resolve (and every name it makes must be free); after
// an execute the model is a partial picture, so what cannot be found is left
// alone instead of refused.
namespace fleet::engine::ops {

namespace {

class Applier {
  public:
    Applier(Tables& tables, std::map<std::string, std::vector<std::string>>& enums, bool& complete,
            const std::string& file, int line, std::string_view op)
        : m_tables(tables), m_enums(enums), m_complete(complete), m_file(file), m_line(line),
          m_op(op) {}

    void operator()(const Execute&) { m_complete = false; }

    void operator()(const CreateTable& op) {
        const TableKey key{op.schema, op.name};
        // After an execute the new definition replaces whatever was known.
        if (m_tables.count(key)) fail("table {} already exists", table_display(op.schema, op.name));
        TableModel table;
        table.schema = op.schema;
        table.name = op.name;
        table.primary_key = op.primary_key;
        table.unique = op.unique;
        table.checks = op.checks;
        table.foreign_keys = op.foreign_keys;
        table.comment = op.comment;
        for (const auto& column : op.columns)
            add_column(table, column);
        for (const auto& foreign_key : table.foreign_keys)
            check_referred(table, foreign_key);
        m_tables[key] = std::move(table);
    }

    void operator()(const DropTable& op) {
        auto* table = find(op.schema, op.name);
        if (!table) return;
        for (const auto& [key, other] : m_tables) {
            if (key == TableKey{op.schema, op.name}) continue;
            for (const auto& fk : other.foreign_keys) {
                if (fk.referred_table == op.name && fk.referred_schema == op.schema &&
                    fail("table {} is referenced by foreign key {} of table {}; drop that first",
                         table_display(op.schema, op.name), fk.name,
                         table_display(other.schema, other.name)))
                    return;
            }
        }
        m_tables.erase({op.schema, op.name});
        forget_unused_enums(m_tables, m_enums);
    }

    void operator()(const RenameTable& op) {
        auto* table = find(op.schema, op.table);
        if (!table) return;
        if (m_tables.count({op.schema, op.new_name}) &&
            fail("table {} already exists", table_display(op.schema, op.new_name)))
            return;
        TableModel moved = std::move(*table);
        m_tables.erase({op.schema, op.table});
        moved.name = op.new_name;
        for (auto& index : moved.indexes)
            index.table = op.new_name;
        m_tables[{op.schema, op.new_name}] = std::move(moved);
        for (auto& [key, other] : m_tables) {
            for (auto& fk : other.foreign_keys)
                if (fk.referred_table == op.table && fk.referred_schema == op.schema)
                    fk.referred_table = op.new_name;
        }
    }

    void operator()(const AddColumn& op) {
        auto* table = find(op.schema, op.table);
        if (!table) return;
        if (table->find_column(op.column.name) &&
            fail("column {} already exists in table {}", op.column.name,
                 table_display(op.schema, op.table)))
            return;
        add_column(*table, op.column);
    }

    void operator()(const DropColumn& op) {
        auto* table = find(op.schema, op.table);
        if (!table || !find_column(*table, op.column)) return;
        if (const auto user = column_user(m_tables, *table, op.column); !user.empty()) {
            fail("column {} of table {} is used by {}; drop it first", op.column,
                 table_display(op.schema, op.table), user);
            return;
        }
        auto& columns = table->columns;
        columns.erase(std::remove_if(columns.begin(), columns.end(),
                                     [&](const Column& c) { return c.name == op.column; }),
                      columns.end());
        const auto own = [&](const auto& c) { return own_constraint_of(c.columns, op.column); };
        erase_if(table->unique, own);
        erase_if(table->foreign_keys, own);
        forget_unused_enums(m_tables, m_enums);
    }

    void operator()(const AlterColumn& op) {
        auto* table = find(op.schema, op.table);
        if (!table) return;
        auto* column = find_column(*table, op.column);
        if (!column) return;
        if (op.new_column_name && *op.new_column_name != op.column &&
            table->find_column(*op.new_column_name) &&
            fail("column {} already exists in table {}", *op.new_column_name,
                 table_display(op.schema, op.table)))
            return;
        if (op.type) {
            // A column of an enum type given the same type with other labels
            // changes the type, which every column of it shares (PostgreSQL
            // alters the type in place: postgres_enum_change.hpp).
            const bool relabel = column->type.kind == ColumnType::Kind::enumeration &&
                                 op.type->kind == ColumnType::Kind::enumeration &&
                                 column->type.enum_name == op.type->enum_name;
            if (relabel) relabel_enum(*op.type);
            column->type = *op.type;
            use_enum(column->type);
        }
        if (op.nullable) column->nullable = *op.nullable;
        if (op.server_default) column->server_default = *op.server_default;
        if (op.comment) column->comment = *op.comment;
        if (op.new_column_name) rename_column(m_tables, *table, op.column, *op.new_column_name);
        forget_unused_enums(m_tables, m_enums);
    }

    void operator()(const CreateIndex& op) {
        auto* table = find(op.schema, op.table);
        if (!table) return;
        if (const auto* owner = index_owner(op.schema, op.name)) {
            if (fail("index {} already exists on table {}", op.name, owner->name)) return;
        }
        for (const auto& part : op.columns) {
            if (!part.column.empty() && !find_column(*table, part.column)) return;
        }
        // The model keeps the definition, not how or where it was made.
        auto index = op;
        index.line = 0;
        index.postgresql_concurrently = false;
        table->indexes.push_back(std::move(index));
    }

    void operator()(const DropIndex& op) {
        auto* owner = index_owner(op.schema, op.name);
        if (!owner || (!op.table.empty() && owner->name != op.table)) {
            fail("index {} does not exist{}", op.name,
                 op.table.empty() ? std::string{}
                                  : " on table " + table_display(op.schema, op.table));
            return;
        }
        auto& indexes = owner->indexes;
        indexes.erase(std::remove_if(indexes.begin(), indexes.end(),
                                     [&](const CreateIndex& i) { return i.name == op.name; }),
                      indexes.end());
    }

    void operator()(const CreatePrimaryKey& op) {
        auto* table = find(op.schema, op.table);
        if (!table || !columns_exist(*table, op.key.columns)) return;
        if (table->primary_key &&
            fail("table {} already has primary key {}", table_display(op.schema, op.table),
                 table->primary_key->name))
            return;
        if (constraint_exists(*table, op.key.name)) return;
        table->primary_key = op.key;
    }

    void operator()(const CreateUniqueConstraint& op) {
        auto* table = find(op.schema, op.table);
        if (!table || !columns_exist(*table, op.constraint.columns) ||
            constraint_exists(*table, op.constraint.name))
            return;
        table->unique.push_back(op.constraint);
    }

    void operator()(const CreateForeignKey& op) {
        auto* table = find(op.schema, op.table);
        if (!table || !columns_exist(*table, op.key.columns) ||
            constraint_exists(*table, op.key.name))
            return;
        if (!check_referred(*table, op.key)) return;
        table->foreign_keys.push_back(op.key);
    }

    void operator()(const CreateCheckConstraint& op) {
        auto* table = find(op.schema, op.table);
        if (!table || constraint_exists(*table, op.check.name)) return;
        table->checks.push_back(op.check);
    }

    void operator()(const DropConstraint& op) {
        auto* table = find(op.schema, op.table);
        if (!table) return;
        const auto named = [&](const auto& c) { return c.name == op.name; };
        bool found = false;
        switch (op.type) {
        case ConstraintType::primary:
            found = table->primary_key &&
                    (table->primary_key->name == op.name || table->primary_key->name.empty());
            if (found) table->primary_key.reset();
            break;
        case ConstraintType::unique:
            found = erase_if(table->unique, named);
            break;
        case ConstraintType::foreignkey:
            found = erase_if(table->foreign_keys, named);
            break;
        case ConstraintType::check:
            found = erase_if(table->checks, named);
            break;
        }
        if (!found) {
            fail("table {} has no {} constraint {}", table_display(op.schema, op.table),
                 type_name(op.type), op.name);
        }
    }

    void operator()(const BulkInsert& op) {
        auto* table = find(op.schema, op.table);
        if (!table) return;
        for (const auto& row : op.rows)
            for (const auto& cell : row)
                if (!find_column(*table, cell.first)) return;
    }

  private:
    // Throws while the model is complete; otherwise says the caller should
    // skip what it was about to do.
    template <typename... Args> bool fail(fmt::format_string<Args...> format, Args&&... args) {
        if (!m_complete) return true;
        throw InputError(
            m_file, m_line,
            fmt::format("{}: {}", m_op, fmt::format(format, std::forward<Args>(args)...)));
    }

    TableModel* find(const std::string& schema, const std::string& name) {
        const auto it = m_tables.find({schema, name});
        if (it != m_tables.end()) return &it->second;
        fail("table {} does not exist", table_display(schema, name));
        return nullptr;
    }

    Column* find_column(TableModel& table, std::string_view name) {
        for (auto& column : table.columns)
            if (column.name == name) return &column;
        fail("table {} has no column {}", table_display(table.schema, table.name), name);
        return nullptr;
    }

    bool columns_exist(TableModel& table, const std::vector<std::string>& names) {
        return std::all_of(names.begin(), names.end(),
                           [&](const std::string& name) { return find_column(table, name); });
    }

    // Constraint names are unique within a table whatever their kind.
    bool constraint_exists(const TableModel& table, std::string_view name) {
        const auto named = [&](const auto& c) { return !name.empty() && c.name == name; };
        const bool taken = (table.primary_key && named(*table.primary_key)) ||
                           std::any_of(table.unique.begin(), table.unique.end(), named) ||
                           std::any_of(table.checks.begin(), table.checks.end(), named) ||
                           std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(), named);
        return taken && fail("table {} already has a constraint named {}",
                             table_display(table.schema, table.name), name);
    }

    bool check_referred(const TableModel& table, const ForeignKey& key) {
        const bool self = key.referred_schema == table.schema && key.referred_table == table.name;
        const TableModel* referred = self ? &table : nullptr;
        if (!self) {
            const auto it = m_tables.find({key.referred_schema, key.referred_table});
            if (it == m_tables.end())
                return !fail("foreign key {} references table {}, which does not exist", key.name,
                             table_display(key.referred_schema, key.referred_table));
            referred = &it->second;
        }
        for (const auto& column : key.referred_columns) {
            if (!referred->find_column(column) &&
                fail("foreign key {} references column {} that table {} does not have", key.name,
                     column, table_display(key.referred_schema, key.referred_table)))
                return false;
        }
        return true;
    }

    TableModel* index_owner(std::string_view schema, std::string_view name) {
        for (auto& [key, table] : m_tables) {
            if (key.first != schema) continue;
            for (const auto& index : table.indexes)
                if (index.name == name) return &table;
        }
        return nullptr;
    }

    // A column's own primary_key/unique/references become the table's named
    // constraints (the reader names them), so the model holds one spelling.
    void add_column(TableModel& table, Column column) {
        if (column.primary_key) {
            if (table.primary_key &&
                fail("table {} already has primary key {}", table_display(table.schema, table.name),
                     table.primary_key->name))
                return;
            table.primary_key = PrimaryKey{primary_key_name(table.name), {column.name}};
        }
        if (column.unique) {
            table.unique.push_back(
                UniqueConstraint{unique_name(table.name, column.name), {column.name}});
        }
        if (column.references) {
            auto key = *column.references;
            key.columns = {column.name};
            if (key.name.empty())
                key.name = fmt::format("fk_{}_{}_{}", table.name, column.name, key.referred_table);
            check_referred(table, key);
            table.foreign_keys.push_back(std::move(key));
        }
        column.primary_key = false;
        column.unique = false;
        column.references.reset();
        use_enum(column.type);
        table.columns.push_back(std::move(column));
    }

    void use_enum(const ColumnType& type) {
        if (type.kind != ColumnType::Kind::enumeration) return;
        const auto it = m_enums.find(type.enum_name);
        if (it == m_enums.end()) {
            m_enums[type.enum_name] = type.enum_values;
        } else if (it->second != type.enum_values) {
            fail("enum {} already exists with values ({}); a column using it must list the same "
                 "values",
                 type.enum_name, fmt::join(it->second, ", "));
        }
    }

    void relabel_enum(const ColumnType& type) {
        m_enums[type.enum_name] = type.enum_values;
        for (auto& [key, table] : m_tables)
            for (auto& column : table.columns)
                if (column.type.kind == ColumnType::Kind::enumeration &&
                    column.type.enum_name == type.enum_name)
                    column.type.enum_values = type.enum_values;
    }

    template <typename T, typename Pred> static bool erase_if(std::vector<T>& items, Pred pred) {
        const auto before = items.size();
        items.erase(std::remove_if(items.begin(), items.end(), pred), items.end());
        return items.size() != before;
    }

    static std::string_view type_name(ConstraintType type) {
        switch (type) {
        case ConstraintType::primary:
            return "primary";
        case ConstraintType::unique:
            return "unique";
        case ConstraintType::foreignkey:
            return "foreignkey";
        case ConstraintType::check:
            return "check";
        }
        return "";
    }

    Tables& m_tables;
    std::map<std::string, std::vector<std::string>>& m_enums;
    bool& m_complete;
    const std::string& m_file;
    int m_line;
    std::string_view m_op;
};

} // namespace

const Column* TableModel::find_column(std::string_view column) const {
    for (const auto& c : columns)
        if (c.name == column) return &c;
    return nullptr;
}

void SchemaModel::apply(const Operation& op, const std::string& file) {
    std::visit(Applier(m_tables, m_enums, m_complete, file, source_line(op), operation_name(op)),
               op);
    if (const auto* drop = std::get_if<DropIndex>(&op))
        m_dropped_indexes.insert({drop->schema, drop->name});
    if (const auto* create = std::get_if<CreateIndex>(&op))
        m_dropped_indexes.erase({create->schema, create->name});
}

const TableModel* SchemaModel::find_table(std::string_view schema, std::string_view name) const {
    const auto it = m_tables.find({std::string(schema), std::string(name)});
    return it == m_tables.end() ? nullptr : &it->second;
}

std::vector<const TableModel*> SchemaModel::tables() const {
    std::vector<const TableModel*> all;
    all.reserve(m_tables.size());
    for (const auto& [key, table] : m_tables)
        all.push_back(&table);
    return all;
}

const CreateIndex* SchemaModel::find_index(std::string_view schema, std::string_view name) const {
    for (const auto& [key, table] : m_tables) {
        if (key.first != schema) continue;
        for (const auto& index : table.indexes)
            if (index.name == name) return &index;
    }
    return nullptr;
}

} // namespace fleet::engine::ops
