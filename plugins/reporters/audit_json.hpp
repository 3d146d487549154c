#pragma once

#include "plugins/reporters/audit_report.hpp"

#include <ostream>

// `fleet audit --format json`: version 1, documented in README.md of this folder.
namespace fleet::plugins::reporters {

// Writes the report as one JSON document (pretty-printed, ending in a
// newline). Never throws but what out throws.
void render_audit_json(const AuditReport& report, std::ostream& out);

} // namespace fleet::plugins::reporters
