#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// JUnit XML, the test report CI servers read (GitLab's `artifacts:reports:
// junit`, Jenkins' `junit` step): the one writer behind every `--format
// junit` (rollouts, `check`, `lint`). Only the elements and attributes both
// read are written: <testsuites> and <testsuite> with name, tests, failures,
// errors, skipped and time; <testcase> with classname, name, time (and file,
// which GitLab shows); <failure>, <error> and <skipped> with message and
// type and the details as text; <system-out>.
namespace fleet::plugins::reporters {

// One test case: a target of a rollout, a finding of lint, a difference of
// check.
struct JunitCase {
    enum class Result {
        passed,
        failure, // the thing tested is wrong: a target failed, a finding blocks
        error,   // it could not be tested to the end: a target was cancelled
        skipped, // never run: a target the halted rollout did not start, a waived finding
    };
    std::string classname;         // what groups cases in the viewers: an environment, a revision
    std::string name;              // the case within it: a database, a rule at a line
    std::optional<double> seconds; // the time attribute; none: not written
    Result result = Result::passed;
    std::string message; // one line for failure/error/skipped's message attribute
    std::string type;    // failure/error's type attribute: the kind of error, the rule id
    std::string details; // failure/error's text: revision, statement, SQLSTATE...
    std::string output;  // <system-out>; empty: not written
    std::string file;    // the file attribute (GitLab links it); empty: not written
};

// A <testsuite>: an environment of a rollout, all of lint's findings.
struct JunitSuite {
    std::string name;
    std::vector<JunitCase> cases;
    std::string output; // the suite's <system-out>; empty: not written
};

// The document: <testsuites name=...> around the suites.
struct JunitReport {
    std::string name; // "fleet upgrade head", "fleet lint"
    std::vector<JunitSuite> suites;
};

// Writes the report as JUnit XML (UTF-8, with the XML declaration, ending in
// a newline). The counts (tests, failures, errors, skipped) and the times
// (the sum of the cases' times; 3 decimals) of <testsuites> and each
// <testsuite> are computed from the cases. Text is escaped for XML, and what
// XML 1.0 cannot hold at all is replaced: a control character other than tab,
// newline and carriage return is written as `\xNN`, a byte that is not UTF-8
// as U+FFFD. Never throws but what out throws.
void write_junit_xml(const JunitReport& report, std::ostream& out);

// Text made safe for an XML text node or attribute value (attribute: also
// quotes, and tab, newline and carriage return as character references so a
// reader keeps them). Exposed for tests. Never throws but std::bad_alloc.
std::string xml_escape(std::string_view text, bool attribute);

} // namespace fleet::plugins::reporters
