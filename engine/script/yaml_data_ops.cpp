// bulk_insert.
#include "engine/script/yaml_ops.hpp"
#include "engine/script/yaml_values.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::engine::script {

void parse_bulk_insert(const YAML::Node& value, int line, const StepSource& source,
                       std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'bulk_insert'", {"table", "rows", "schema"}, source);
    ops::BulkInsert op;
    op.line = line;
    op.schema = fields.optional_name("schema");
    op.table = fields.name("table");
    const YAML::Node& rows = fields.need("rows");
    const int rows_line = fields.value_line("rows");
    if (!rows.IsSequence()) fields.wrong("rows", rows, rows_line, "a list of maps column -> value");
    for (const YAML::Node& row : rows) {
        const int row_line = line_of(row, rows_line);
        if (!row.IsMap() || row.size() == 0) {
            fields.fail(row_line, fmt::format("a row of 'bulk_insert' must be a map of column -> "
                                              "value, not {}",
                                              row.IsMap() ? "an empty map" : described(row)));
        }
        std::vector<std::pair<std::string, ops::Literal>> cells;
        for (auto it = row.begin(); it != row.end(); ++it) {
            const int cell_line = line_of(it->first, row_line);
            if (!it->first.IsScalar() || it->first.Scalar().empty()) {
                fields.fail(cell_line, fmt::format("a column of a 'bulk_insert' row must be a "
                                                   "name, not {}",
                                                   described(it->first)));
            }
            const std::string& column = it->first.Scalar();
            const bool repeated = std::any_of(
                cells.begin(), cells.end(), [&](const auto& cell) { return cell.first == column; });
            if (repeated) {
                fields.fail(
                    cell_line,
                    fmt::format("column '{}' appears twice in a 'bulk_insert' row", column));
            }
            std::optional<ops::Literal> literal = literal_of(it->second);
            if (!literal) {
                fields.fail(line_of(it->second, cell_line),
                            fmt::format("column '{}' of a 'bulk_insert' row must be a value "
                                        "(text, a number, true, false or null), not {}",
                                        column, described(it->second)));
            }
            cells.emplace_back(column, std::move(*literal));
        }
        op.rows.push_back(std::move(cells));
    }
    out.push_back(std::move(op));
}

} // namespace fleet::engine::script
