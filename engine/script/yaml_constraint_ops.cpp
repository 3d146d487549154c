// create_primary_key, create_unique_constraint, create_foreign_key,
// create_check_constraint, drop_constraint.
#include "engine/ops/naming.hpp"
#include "engine/script/yaml_ops.hpp"
#include "engine/script/yaml_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace fleet::engine::script {

void parse_create_primary_key(const YAML::Node& value, int line, const StepSource& source,
                              std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'create_primary_key'",
                            {"name", "table", "columns", "schema"}, source);
    ops::CreatePrimaryKey op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    op.key.columns = fields.names("columns");
    op.key.name = fields.optional_name("name");
    if (op.key.name.empty()) op.key.name = ops::primary_key_name(op.table);
    out.push_back(std::move(op));
}

void parse_create_unique_constraint(const YAML::Node& value, int line, const StepSource& source,
                                    std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'create_unique_constraint'",
                            {"name", "table", "columns", "schema"}, source);
    ops::CreateUniqueConstraint op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    op.constraint.columns = fields.names("columns");
    op.constraint.name = fields.optional_name("name");
    if (op.constraint.name.empty()) {
        op.constraint.name = ops::unique_name(op.table, op.constraint.columns.front());
    }
    out.push_back(std::move(op));
}

void parse_create_foreign_key(const YAML::Node& value, int line, const StepSource& source,
                              std::vector<ops::Operation>& out) {
    const YamlFields fields(
        value, line, "'create_foreign_key'",
        {"name", "table", "columns", "references", "ondelete", "onupdate", "schema"}, source);
    ops::CreateForeignKey op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    op.key.columns = fields.names("columns");
    read_references(fields, "references", op.key);
    op.key.ondelete = read_action(fields, "ondelete");
    op.key.onupdate = read_action(fields, "onupdate");
    op.key.name = fields.optional_name("name");
    if (op.key.name.empty()) {
        op.key.name =
            ops::foreign_key_name(op.table, op.key.columns.front(), op.key.referred_table);
    }
    out.push_back(std::move(op));
}

void parse_create_check_constraint(const YAML::Node& value, int line, const StepSource& source,
                                   std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'create_check_constraint'",
                            {"name", "table", "condition", "schema"}, source);
    ops::CreateCheckConstraint op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    op.check.condition = fields.name("condition");
    op.check.name = fields.optional_name("name");
    if (op.check.name.empty()) op.check.name = ops::check_name(op.table, op.check.condition);
    out.push_back(std::move(op));
}

void parse_drop_constraint(const YAML::Node& value, int line, const StepSource& source,
                           std::vector<ops::Operation>& out) {
    static constexpr std::array<std::pair<std::string_view, ops::ConstraintType>, 4> k_types{{
        {"primary", ops::ConstraintType::primary},
        {"unique", ops::ConstraintType::unique},
        {"foreignkey", ops::ConstraintType::foreignkey},
        {"check", ops::ConstraintType::check},
    }};
    const YamlFields fields(value, line, "'drop_constraint'", {"name", "table", "type", "schema"},
                            source);
    ops::DropConstraint op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    op.name = fields.name("name");
    const YAML::Node& type = fields.need("type");
    const auto found = std::find_if(k_types.begin(), k_types.end(), [&](const auto& entry) {
        return type.IsScalar() && entry.first == type.Scalar();
    });
    if (found == k_types.end()) {
        fields.wrong("type", type, fields.value_line("type"),
                     "primary, unique, foreignkey or check");
    }
    op.type = found->second;
    out.push_back(std::move(op));
}

} // namespace fleet::engine::script
