// STAND-IN, built only while engine/ops/operation.cpp is missing (see
// ../CMakeLists.txt): the op-model functions helper "yamlops" defines, so the
// compiler links and is tested before that lands. Not the real thing.
#include "engine/ops/operation.hpp"

#include <type_traits>

namespace fleet::engine::ops {

std::string_view operation_name(const Operation& op) {
    static constexpr std::string_view k_names[] = {"execute",
                                                   "create_table",
                                                   "drop_table",
                                                   "rename_table",
                                                   "add_column",
                                                   "drop_column",
                                                   "alter_column",
                                                   "create_index",
                                                   "drop_index",
                                                   "create_primary_key",
                                                   "create_unique_constraint",
                                                   "create_foreign_key",
                                                   "create_check_constraint",
                                                   "drop_constraint",
                                                   "bulk_insert"};
    return k_names[op.index()];
}

std::string_view table_of(const Operation& op) {
    return std::visit(
        [](const auto& o) -> std::string_view {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, Execute>)
                return {};
            else if constexpr (std::is_same_v<T, CreateTable> || std::is_same_v<T, DropTable>) {
                return o.name;
            } else
                return o.table;
        },
        op);
}

} // namespace fleet::engine::ops
