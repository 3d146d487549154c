#pragma once

#include "plugins/reporters/lint_report.hpp"

#include <ostream>

namespace fleet::plugins::reporters {

// The findings for people: one block per finding (severity, rule, file:line,
// the statement, what happens, where, the safe way), then a summary line
// and the notes about what the check could not see.
void render_lint_table(const LintReport& report, std::ostream& out);

} // namespace fleet::plugins::reporters
