#include "engine/ops/operation.hpp"

namespace fleet::engine::ops {

namespace {

// Each operation's YAML name, by type.
constexpr std::string_view name_of(const Execute&) { return "execute"; }
constexpr std::string_view name_of(const CreateTable&) { return "create_table"; }
constexpr std::string_view name_of(const DropTable&) { return "drop_table"; }
constexpr std::string_view name_of(const RenameTable&) { return "rename_table"; }
constexpr std::string_view name_of(const AddColumn&) { return "add_column"; }
constexpr std::string_view name_of(const DropColumn&) { return "drop_column"; }
constexpr std::string_view name_of(const AlterColumn&) { return "alter_column"; }
constexpr std::string_view name_of(const CreateIndex&) { return "create_index"; }
constexpr std::string_view name_of(const DropIndex&) { return "drop_index"; }
constexpr std::string_view name_of(const CreatePrimaryKey&) { return "create_primary_key"; }
constexpr std::string_view name_of(const CreateUniqueConstraint&) {
    return "create_unique_constraint";
}
constexpr std::string_view name_of(const CreateForeignKey&) { return "create_foreign_key"; }
constexpr std::string_view name_of(const CreateCheckConstraint&) {
    return "create_check_constraint";
}
constexpr std::string_view name_of(const DropConstraint&) { return "drop_constraint"; }
constexpr std::string_view name_of(const BulkInsert&) { return "bulk_insert"; }

// The table each operation works on; create_table and drop_table call it
// `name`, the others `table`.
std::string_view table_in(const Execute&) { return {}; }
std::string_view table_in(const CreateTable& op) { return op.name; }
std::string_view table_in(const DropTable& op) { return op.name; }
template <typename Op> std::string_view table_in(const Op& op) { return op.table; }

} // namespace

std::string_view operation_name(const Operation& op) {
    return std::visit([](const auto& o) { return name_of(o); }, op);
}

std::string_view table_of(const Operation& op) {
    return std::visit([](const auto& o) { return table_in(o); }, op);
}

} // namespace fleet::engine::ops
