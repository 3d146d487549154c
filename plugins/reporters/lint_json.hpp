#pragma once

#include "plugins/reporters/lint_report.hpp"

#include <ostream>

namespace fleet::plugins::reporters {

// The findings as one JSON document (keys in README.md, "fleet lint").
void render_lint_json(const LintReport& report, engine::lint::Severity fail_on, std::ostream& out);

// The findings as a SARIF 2.1.0 log: one run, fleet's rules in the driver,
// one result per finding with its file and line; a waived finding carries an
// in-source suppression with the waiver's reason.
void render_lint_sarif(const LintReport& report, std::ostream& out);

// The findings as GitHub Actions workflow commands (`::error file=F,line=L,
// title=RULE::message`), which the Actions runner turns into annotations on
// the pull request. Waived findings are left out.
void render_lint_github(const LintReport& report, std::ostream& out);

} // namespace fleet::plugins::reporters
