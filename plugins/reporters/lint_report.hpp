#pragma once

#include "engine/error.hpp"
#include "engine/lint/finding.hpp"

#include <map>
#include <string>
#include <vector>

// `fleet lint`'s findings made into a report: the same finding on many
// targets shown once, with how many and the largest table it meets, and the
// exit code the findings imply under `lint.fail_on`.
namespace fleet::plugins::reporters {

// One finding as the reports show it: the findings of one rule at one place
// of one revision, from every target it was found on.
struct LintGroup {
    // The representative: the finding on the largest table (bytes, then
    // rows), so its text names the worst case.
    engine::lint::Finding finding;
    // Every target it was found on, in the order found; empty when no target's
    // fact decided it (the revision's text or the dry run did).
    std::vector<std::string> targets;
};

struct LintReport {
    std::vector<LintGroup> groups; // by revision file, then line, then rule
    std::size_t errors = 0;        // groups at error that are not waived
    std::size_t warnings = 0;      // groups at warning that are not waived
    std::size_t waived = 0;        // groups a revision waives (still listed)
    std::size_t revisions = 0;     // revisions checked
    std::size_t targets = 0;       // targets whose facts were read (0: none selected)
    // One line each about what the check could not see: a dialect with no
    // dry run (PostgreSQL without dev_url), a target whose facts could not be
    // read. Passwords already masked.
    std::vector<std::string> notes;
    // Each rule id's one-line summary, for formats that describe rules (SARIF).
    std::map<std::string, std::string> rule_summaries;
};

// Groups `findings` (from every revision and target) into a report.
LintReport make_lint_report(std::vector<engine::lint::Finding> findings, std::size_t revisions,
                            std::size_t targets, std::vector<std::string> notes,
                            std::map<std::string, std::string> rule_summaries);

// Whether a group stops a rollout: not waived and at or above fail_on.
bool lint_blocks(const LintGroup& group, engine::lint::Severity fail_on);

// 0 when no group blocks under fail_on, 3 (out_of_sync: "something to fix")
// otherwise, as INTERFACE.md says for `fleet lint`.
ExitCode lint_exit_code(const LintReport& report, engine::lint::Severity fail_on);

} // namespace fleet::plugins::reporters
