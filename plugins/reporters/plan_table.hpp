#pragma once

#include "plugins/reporters/plan_report.hpp"

#include <cstddef>
#include <ostream>
#include <string>

// `fleet plan` for people: one block per group of targets with the same
// plan (targets that could not be planned first, each with its reason; then
// the groups with steps; then those with nothing to do), and a summary line.
// The layout is documented, with an example, in README.md of this folder.
namespace fleet::plugins::reporters {

struct PlanTableOptions {
    // Every target's name in each block; else a block names the first
    // names_shown and says how many more there are.
    bool all = false;
    std::size_t names_shown = 10;
};

// Writes the report to out. Never throws but what out throws.
void render_plan_table(const PlanReport& report, std::ostream& out,
                       const PlanTableOptions& options = {});

// One step as a line: "upgrade 1a2b3c4d5e6f -> 3f2a1c9e7b10 (add email)";
// "base" for no revision; " [non-transactional]" when it runs outside a
// transaction.
std::string step_text(const engine::command::PlannedStep& step);

// The summary line: "3 of 5 targets would run 7 step(s); 2 up to date", then
// "; 1 could not be planned" when one could not.
std::string plan_summary_line(const PlanReport& report);

} // namespace fleet::plugins::reporters
