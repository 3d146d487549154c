#pragma once

#include "plugins/reporters/diff_report.hpp"

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

// `fleet diff --format json`: the same content as the table, as a stable
// document for scripts (version 1, documented in README.md of this folder).
namespace fleet::plugins::reporters {

// Writes the report as one JSON document (pretty-printed, ending in a
// newline). Never throws but what out throws.
void render_diff_json(const DiffReport& report, std::ostream& out);

// The differences as a JSON array of {change, sign, object, table, name,
// left, right, description}: shared with `fleet audit`'s drift entries.
nlohmann::ordered_json differences_json(const std::vector<Difference>& differences);

} // namespace fleet::plugins::reporters
