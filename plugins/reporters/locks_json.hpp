#pragma once

#include "plugins/reporters/locks_report.hpp"

#include <ostream>
#include <vector>

// `fleet locks --format json`: every target in inventory order, free ones
// included, as a stable document (schema version 1, README.md of this folder).
namespace fleet::plugins::reporters {

// Writes the rows as one JSON document (pretty-printed, ending in a newline).
// Never throws but what out throws.
void render_locks_json(const std::vector<LocksRow>& rows, std::ostream& out);

} // namespace fleet::plugins::reporters
