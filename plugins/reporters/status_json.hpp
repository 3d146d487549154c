#pragma once

#include "plugins/reporters/status_report.hpp"

#include <ostream>

// `fleet status --format json`: the same content as the table, as a stable
// document for scripts (schema version 1, documented in README.md of this
// folder). Every target is listed, in inventory order; nothing collapses.
namespace fleet::plugins::reporters {

// Writes the report as one JSON document (pretty-printed, ending in a newline).
// Never throws but what out throws.
void render_status_json(const StatusReport& report, std::ostream& out);

} // namespace fleet::plugins::reporters
