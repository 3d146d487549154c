#include "plugins/postgres/postgres_enum_change.hpp"

#include <algorithm>

namespace fleet::plugins::postgres {

using namespace engine::ops;

namespace {

bool is_enum(const ColumnType& type) { return type.kind == ColumnType::Kind::enumeration; }

bool has(const std::vector<std::string>& labels, const std::string& label) {
    return std::find(labels.begin(), labels.end(), label) != labels.end();
}

} // namespace

std::optional<EnumRelabel> enum_relabel(const AlterColumn& op, const SchemaModel& schema) {
    if (!op.type || !is_enum(*op.type)) return std::nullopt;
    const ColumnType* old = nullptr;
    if (const TableModel* table = schema.find_table(op.schema, op.table))
        if (const Column* column = table->find_column(op.column)) old = &column->type;
    if (old == nullptr && op.existing_type) old = &*op.existing_type;
    if (old == nullptr || !is_enum(*old) || old->enum_name != op.type->enum_name)
        return std::nullopt;
    // The model's labels are the type's: an earlier step may have changed
    // them through another column.
    const auto known = schema.enums().find(op.type->enum_name);
    EnumRelabel change{op.type->enum_name,
                       known != schema.enums().end() ? known->second : old->enum_values,
                       op.type->enum_values};
    if (change.before == change.after) return std::nullopt;
    return change;
}

std::optional<std::vector<LabelAdded>> labels_added(const EnumRelabel& change) {
    std::vector<LabelAdded> out;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < change.after.size(); ++i) {
        const std::string& label = change.after[i];
        if (kept < change.before.size() && label == change.before[kept]) {
            ++kept;
            continue;
        }
        if (has(change.before, label)) return std::nullopt; // moved
        if (i > 0)
            out.push_back({label, change.after[i - 1], true});
        else if (!change.before.empty())
            out.push_back({label, change.before.front(), false});
        else
            out.push_back({label, "", true});
    }
    if (kept != change.before.size()) return std::nullopt; // a label removed
    return out;
}

} // namespace fleet::plugins::postgres
