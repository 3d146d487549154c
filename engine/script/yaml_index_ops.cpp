// create_index, drop_index.
#include "engine/ops/naming.hpp"
#include "engine/script/yaml_ops.hpp"
#include "engine/script/yaml_values.hpp"

#include <fmt/format.h>

namespace fleet::engine::script {

namespace {

// `columns`: names, or {expr: SQL} for an expression. At least one part, no
// column twice.
std::vector<ops::IndexPart> index_parts(const YamlFields& fields) {
    const YAML::Node& list = fields.need("columns");
    const int list_line = fields.value_line("columns");
    if (!list.IsSequence()) {
        fields.wrong("columns", list, list_line, "a list of column names or {expr: SQL}");
    }
    if (list.size() == 0) fields.fail(list_line, "'columns' in 'create_index' names nothing");
    std::vector<ops::IndexPart> parts;
    for (const YAML::Node& item : list) {
        const int line = line_of(item, list_line);
        ops::IndexPart part;
        if (item.IsMap()) {
            const YamlFields expr(item, line, "an expression of 'create_index'", {"expr"},
                                  fields.source());
            part.expression = expr.name("expr");
        } else if (item.IsScalar() && !item.Scalar().empty()) {
            part.column = item.Scalar();
            for (const ops::IndexPart& earlier : parts) {
                if (earlier.column == part.column) {
                    fields.fail(line, fmt::format("'columns' in 'create_index' names '{}' twice",
                                                  part.column));
                }
            }
        } else {
            fields.fail(line, fmt::format("'columns' in 'create_index' must be a list of column "
                                          "names or {{expr: SQL}}, but an entry is {}",
                                          described(item)));
        }
        parts.push_back(std::move(part));
    }
    return parts;
}

} // namespace

void parse_create_index(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out) {
    const YamlFields fields(
        value, line, "'create_index'",
        {"name", "table", "columns", "unique", "where", "postgresql_concurrently", "schema"},
        source);
    ops::CreateIndex op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    op.columns = index_parts(fields);
    op.name = fields.optional_name("name");
    if (op.name.empty()) op.name = ops::index_name(op.table, op.columns.front());
    op.unique = fields.flag("unique", false);
    op.where = fields.text("where");
    op.postgresql_concurrently = fields.flag("postgresql_concurrently", false);
    out.push_back(std::move(op));
}

void parse_drop_index(const YAML::Node& value, int line, const StepSource& source,
                      std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'drop_index'",
                            {"name", "table", "schema", "postgresql_concurrently"}, source);
    ops::DropIndex op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.name = fields.name("name");
    op.table = fields.optional_name("table");
    op.postgresql_concurrently = fields.flag("postgresql_concurrently", false);
    out.push_back(std::move(op));
}

} // namespace fleet::engine::script
