// add_column, drop_column, alter_column.
#include "engine/script/yaml_ops.hpp"
#include "engine/script/yaml_values.hpp"

#include <fmt/format.h>

namespace fleet::engine::script {

namespace {

// An optional flag: nullopt when absent.
std::optional<bool> optional_flag(const YamlFields& fields, std::string_view key) {
    if (!fields.has(key)) return std::nullopt;
    return fields.flag(key, false);
}

} // namespace

void parse_add_column(const YAML::Node& value, int line, const StepSource& source,
                      std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'add_column'", {"table", "column", "schema"}, source);
    ops::AddColumn op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    const YAML::Node& column = fields.need("column");
    op.column = read_column(column, fields.value_line("column"), op.table, "'add_column'", source);
    if (op.column.autoincrement && !op.column.primary_key) {
        fields.fail(fields.value_line("column"),
                    fmt::format("column '{}' of 'add_column' has 'autoincrement' but is not a "
                                "primary key",
                                op.column.name));
    }
    out.push_back(std::move(op));
}

void parse_drop_column(const YAML::Node& value, int line, const StepSource& source,
                       std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'drop_column'", {"table", "column", "schema"}, source);
    out.push_back(ops::DropColumn{fields.optional_name("schema"), fields.name("table"),
                                  fields.name("column"), line});
}

void parse_alter_column(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'alter_column'",
                            {"table", "column", "schema", "type", "nullable", "server_default",
                             "new_column_name", "comment", "postgresql_using", "existing_type",
                             "existing_nullable", "existing_server_default", "existing_comment"},
                            source);
    ops::AlterColumn op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    op.column = fields.name("column");
    if (fields.has("type")) op.type = read_type(fields, "type");
    op.nullable = optional_flag(fields, "nullable");
    // null drops the default: a value holding nullopt.
    if (fields.has("server_default")) {
        op.server_default = read_server_default(fields, "server_default");
    }
    if (fields.has("new_column_name")) op.new_column_name = fields.name("new_column_name");
    // null or "" drops the comment.
    if (fields.has("comment")) op.comment = fields.text("comment");
    op.postgresql_using = fields.text("postgresql_using");
    if (!op.postgresql_using.empty() && !op.type) {
        fields.fail(fields.key_line("postgresql_using"),
                    "'postgresql_using' in 'alter_column' converts to a new 'type', and there "
                    "is none");
    }
    if (!op.type && !op.nullable && !op.server_default && !op.new_column_name && !op.comment) {
        fields.fail(line, "'alter_column' changes nothing: give type, nullable, server_default, "
                          "new_column_name or comment");
    }
    if (fields.has("existing_type")) op.existing_type = read_type(fields, "existing_type");
    op.existing_nullable = optional_flag(fields, "existing_nullable");
    if (fields.has("existing_server_default")) {
        op.existing_server_default = read_server_default(fields, "existing_server_default");
    }
    if (fields.has("existing_comment")) op.existing_comment = fields.text("existing_comment");
    out.push_back(std::move(op));
}

} // namespace fleet::engine::script
