#pragma once

#include "engine/command/target_plan.hpp"
#include "engine/error.hpp"

#include <cstddef>
#include <string>
#include <vector>

// The content of `fleet plan`, built from one TargetPlan per target: the
// rows, and the targets grouped by identical plans (same version rows, same
// steps) so a thousand targets at three different revisions read as three
// blocks. Pure values, no I/O; plan_table, plan_json and plan_sql render it.
// README.md in this folder documents the forms and the exit code.
namespace fleet::plugins::reporters {

using engine::command::PlanState;
using engine::command::TargetPlan;

// One target's plan.
struct PlanRow {
    std::string environment;
    std::string database;
    TargetPlan plan;
};

// Targets whose plans are the same: indices into PlanReport::rows, in
// inventory order. Targets that could not be planned each form their own
// group (their reasons differ).
struct PlanGroup {
    std::vector<std::size_t> rows;
};

struct PlanReport {
    std::string direction;     // "upgrade" or "downgrade"
    std::string revision;      // as given
    std::vector<PlanRow> rows; // in inventory order
    // Unplanned targets first (unreachable, then error), then the groups with
    // steps, then those with nothing to do; within each kind in the order of
    // their first target in the inventory.
    std::vector<PlanGroup> groups;
};

// Builds the report. Never throws but std::bad_alloc.
PlanReport summarize_plan(std::vector<PlanRow> rows, std::string direction, std::string revision);

struct PlanCounts {
    std::size_t targets = 0;
    std::size_t would_run = 0;  // targets with steps
    std::size_t up_to_date = 0; // targets with nothing to do
    std::size_t failed = 0;     // unreachable or error
    std::size_t steps = 0;      // steps over every target
};
PlanCounts count_plans(const PlanReport& report);

// The exit code of `fleet plan`: 1 (failed) when a target could not be
// planned, else 0 — pending work is what a plan is for, not an error.
ExitCode plan_exit_code(const PlanReport& report);

} // namespace fleet::plugins::reporters
