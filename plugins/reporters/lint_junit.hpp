#pragma once

#include "plugins/reporters/lint_report.hpp"

#include <ostream>

namespace fleet::plugins::reporters {

// `fleet lint --format junit`: the findings as JUnit XML (junit_xml.hpp) for
// a CI server's test report, one <testcase> per finding (a finding seen on
// many targets is one case naming them): what a reviewer fixes is a
// finding, and most findings come from a revision's text, not from a
// target. classname: the revision id; name: "RULE at line N"; file: the
// revision file. A finding that blocks under fail_on is a <failure> (the
// case's exit code 3); a waived one is <skipped> with the waiver's reason;
// one below fail_on passes, its text in <system-out>. With no finding, one
// passing case says how many revisions were checked, so the report is never
// empty. The notes (what could not be checked) are the suite's
// <system-out>. Never throws but what out throws.
void render_lint_junit(const LintReport& report, engine::lint::Severity fail_on, std::ostream& out);

} // namespace fleet::plugins::reporters
