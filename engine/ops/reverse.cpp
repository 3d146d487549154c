#include "engine/ops/reverse.hpp"

#include "engine/error.hpp"
#include "engine/ops/naming.hpp"
#include "engine/ops/schema_edits.hpp"

#include <fmt/format.h>

namespace fleet::engine::ops {

namespace {

class Reverser {
  public:
    Reverser(const SchemaModel& before, const std::string& file, int line)
        : m_before(before), m_file(file), m_line(line) {}

    std::vector<Operation> operator()(const Execute&) const {
        throw refuse("execute", "its SQL has no known opposite");
    }

    std::vector<Operation> operator()(const BulkInsert& op) const {
        throw refuse("bulk_insert", fmt::format("the rows inserted into {} have no known "
                                                "opposite",
                                                table_display(op.schema, op.table)));
    }

    std::vector<Operation> operator()(const CreateTable& op) const {
        return {DropTable{op.schema, op.name, m_line}};
    }

    std::vector<Operation> operator()(const DropTable& op) const {
        const auto& table = known_table("drop_table", op.schema, op.name);
        std::vector<Operation> undo;
        undo.push_back(CreateTable{table.schema, table.name, table.columns, table.primary_key,
                                   table.unique, table.checks, table.foreign_keys, table.comment,
                                   m_line});
        for (auto index : table.indexes) {
            index.line = m_line;
            undo.push_back(std::move(index));
        }
        return undo;
    }

    std::vector<Operation> operator()(const RenameTable& op) const {
        return {RenameTable{op.schema, op.new_name, op.table, m_line}};
    }

    std::vector<Operation> operator()(const AddColumn& op) const {
        // What the column brought as table constraints (named as the model
        // names them) goes first, so no dialect refuses the drop.
        const auto& column = op.column;
        std::vector<Operation> undo;
        if (column.references) {
            const auto name = column.references->name.empty()
                                  ? fmt::format("fk_{}_{}_{}", op.table, column.name,
                                                column.references->referred_table)
                                  : column.references->name;
            undo.push_back(
                DropConstraint{op.schema, op.table, name, ConstraintType::foreignkey, m_line});
        }
        if (column.unique) {
            undo.push_back(DropConstraint{op.schema, op.table, unique_name(op.table, column.name),
                                          ConstraintType::unique, m_line});
        }
        if (column.primary_key) {
            undo.push_back(DropConstraint{op.schema, op.table, primary_key_name(op.table),
                                          ConstraintType::primary, m_line});
        }
        undo.push_back(DropColumn{op.schema, op.table, column.name, m_line});
        return undo;
    }

    std::vector<Operation> operator()(const DropColumn& op) const {
        const auto& table = known_table("drop_column", op.schema, op.table);
        const auto* column = table.find_column(op.column);
        if (!column) {
            throw refuse("drop_column", fmt::format("the replayed schema has no column {} in "
                                                    "table {}",
                                                    op.column, table_display(op.schema, op.table)));
        }
        // The column's own unique constraint and foreign key went with it.
        std::vector<Operation> undo{AddColumn{op.schema, op.table, *column, m_line}};
        for (const auto& unique : table.unique)
            if (own_constraint_of(unique.columns, op.column))
                undo.push_back(CreateUniqueConstraint{op.schema, op.table, unique, m_line});
        for (const auto& key : table.foreign_keys)
            if (own_constraint_of(key.columns, op.column))
                undo.push_back(CreateForeignKey{op.schema, op.table, key, m_line});
        return undo;
    }

    std::vector<Operation> operator()(const AlterColumn& op) const {
        const Column* old = nullptr;
        if (const auto* table = m_before.find_table(op.schema, op.table))
            old = table->find_column(op.column);
        const auto unknown = [&](std::string_view what) {
            return refuse("alter_column",
                          fmt::format("the old {} of column {}.{} is not known (give existing_{})",
                                      what, op.table, op.column, what));
        };
        AlterColumn undo;
        undo.schema = op.schema;
        undo.table = op.table;
        undo.column = op.new_column_name.value_or(op.column);
        undo.line = m_line;
        if (op.new_column_name) undo.new_column_name = op.column;
        if (op.type) {
            if (op.existing_type)
                undo.type = op.existing_type;
            else if (old)
                undo.type = old->type;
            else
                throw unknown("type");
            undo.existing_type = op.type;
            undo.postgresql_using_cast = !op.postgresql_using.empty();
        } else if (op.existing_type || old) {
            undo.existing_type = op.existing_type ? *op.existing_type : old->type;
        }
        if (op.nullable) {
            if (op.existing_nullable)
                undo.nullable = op.existing_nullable;
            else if (old)
                undo.nullable = old->nullable;
            else
                throw unknown("nullable");
            undo.existing_nullable = op.nullable;
        } else if (op.existing_nullable || old) {
            undo.existing_nullable = op.existing_nullable ? *op.existing_nullable : old->nullable;
        }
        if (op.server_default) {
            if (op.existing_server_default)
                undo.server_default = op.existing_server_default;
            else if (old)
                undo.server_default = old->server_default;
            else
                throw unknown("server_default");
            undo.existing_server_default = op.server_default;
        } else if (op.existing_server_default || old) {
            undo.existing_server_default =
                op.existing_server_default ? *op.existing_server_default : old->server_default;
        }
        if (op.comment) {
            if (op.existing_comment)
                undo.comment = op.existing_comment;
            else if (old)
                undo.comment = old->comment;
            else
                throw unknown("comment");
            undo.existing_comment = op.comment;
        }
        return {undo};
    }

    std::vector<Operation> operator()(const CreateIndex& op) const {
        return {DropIndex{op.schema, op.name, op.table, op.postgresql_concurrently, m_line}};
    }

    std::vector<Operation> operator()(const DropIndex& op) const {
        const auto* index = m_before.find_index(op.schema, op.name);
        if (!index) {
            throw refuse("drop_index", fmt::format("the replayed schema has no index {}", op.name));
        }
        auto undo = *index;
        undo.postgresql_concurrently = op.postgresql_concurrently;
        undo.line = m_line;
        return {undo};
    }

    std::vector<Operation> operator()(const CreatePrimaryKey& op) const {
        return {DropConstraint{op.schema, op.table, op.key.name, ConstraintType::primary, m_line}};
    }

    std::vector<Operation> operator()(const CreateUniqueConstraint& op) const {
        return {DropConstraint{op.schema, op.table, op.constraint.name, ConstraintType::unique,
                               m_line}};
    }

    std::vector<Operation> operator()(const CreateForeignKey& op) const {
        return {
            DropConstraint{op.schema, op.table, op.key.name, ConstraintType::foreignkey, m_line}};
    }

    std::vector<Operation> operator()(const CreateCheckConstraint& op) const {
        return {DropConstraint{op.schema, op.table, op.check.name, ConstraintType::check, m_line}};
    }

    std::vector<Operation> operator()(const DropConstraint& op) const {
        const auto& table = known_table("drop_constraint", op.schema, op.table);
        const auto named = [&](const auto& c) { return c.name == op.name; };
        switch (op.type) {
        case ConstraintType::primary:
            if (table.primary_key)
                return {CreatePrimaryKey{op.schema, op.table, *table.primary_key, m_line}};
            break;
        case ConstraintType::unique:
            for (const auto& c : table.unique)
                if (named(c)) return {CreateUniqueConstraint{op.schema, op.table, c, m_line}};
            break;
        case ConstraintType::foreignkey:
            for (const auto& c : table.foreign_keys)
                if (named(c)) return {CreateForeignKey{op.schema, op.table, c, m_line}};
            break;
        case ConstraintType::check:
            for (const auto& c : table.checks)
                if (named(c)) return {CreateCheckConstraint{op.schema, op.table, c, m_line}};
            break;
        }
        throw refuse("drop_constraint",
                     fmt::format("the replayed schema has no such constraint {} on table {}",
                                 op.name, table_display(op.schema, op.table)));
    }

  private:
    const TableModel& known_table(std::string_view step, const std::string& schema,
                                  const std::string& name) const {
        if (const auto* table = m_before.find_table(schema, name)) return *table;
        throw refuse(step, fmt::format("the replayed schema has no table {} (was it made by an "
                                       "execute?)",
                                       table_display(schema, name)));
    }

    InputError refuse(std::string_view step, const std::string& why) const {
        return InputError(m_file, m_line,
                          fmt::format("{} cannot be reversed: {}; write a downgrade: for this "
                                      "revision",
                                      step, why));
    }

    const SchemaModel& m_before;
    const std::string& m_file;
    int m_line;
};

} // namespace

std::vector<Operation> reverse(const Operation& op, const SchemaModel& before,
                               const std::string& file) {
    return std::visit(Reverser(before, file, source_line(op)), op);
}

std::vector<Operation> derive_downgrade(const std::vector<Operation>& upgrade, SchemaModel before,
                                        const std::string& file) {
    // The models before each step first, then the opposites in downgrade
    // order, so a refusal names the first downgrade step that has none.
    std::vector<SchemaModel> models;
    models.reserve(upgrade.size());
    for (const auto& op : upgrade) {
        models.push_back(before);
        before.apply(op, file);
    }
    std::vector<Operation> downgrade;
    for (std::size_t i = upgrade.size(); i-- > 0;) {
        auto undo = reverse(upgrade[i], models[i], file);
        downgrade.insert(downgrade.end(), undo.begin(), undo.end());
    }
    return downgrade;
}

} // namespace fleet::engine::ops
