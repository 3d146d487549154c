#pragma once

#include "plugins/reporters/plan_report.hpp"

#include <ostream>

// `fleet plan --format json`: every target, in inventory order (no grouping),
// as a stable document for scripts (schema version 1, documented in README.md
// of this folder).
namespace fleet::plugins::reporters {

// Writes the report as one JSON document (pretty-printed, ending in a
// newline). with_sql: each target's "sql" holds its script (else null).
// Never throws but what out throws.
void render_plan_json(const PlanReport& report, std::ostream& out, bool with_sql = false);

} // namespace fleet::plugins::reporters
