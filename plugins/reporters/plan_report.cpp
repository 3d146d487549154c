#include "plugins/reporters/plan_report.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace fleet::plugins::reporters {

namespace {

// What makes two plans the same for a reader: where the target stands and
// every step's revision and direction (messages follow from the revision).
using PlanKey = std::tuple<std::vector<std::string>, std::vector<std::string>>;

PlanKey key_of(const TargetPlan& plan) {
    std::vector<std::string> steps;
    steps.reserve(plan.steps.size());
    for (const auto& step : plan.steps)
        steps.push_back(fmt::format("{} {}", engine::command::plan_direction_name(step.direction),
                                    step.revision));
    return {plan.current, std::move(steps)};
}

bool planned(PlanState state) {
    return state == PlanState::would_run || state == PlanState::up_to_date;
}

} // namespace

PlanReport summarize_plan(std::vector<PlanRow> rows, std::string direction, std::string revision) {
    PlanReport report;
    report.direction = std::move(direction);
    report.revision = std::move(revision);
    report.rows = std::move(rows);

    std::vector<PlanGroup> unreachable, errors, would_run, up_to_date;
    std::map<PlanKey, std::size_t> would_run_index, up_to_date_index;
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
        const auto& plan = report.rows[i].plan;
        if (!planned(plan.state)) {
            (plan.state == PlanState::unreachable ? unreachable : errors).push_back({{i}});
            continue;
        }
        auto& groups = plan.state == PlanState::would_run ? would_run : up_to_date;
        auto& index = plan.state == PlanState::would_run ? would_run_index : up_to_date_index;
        auto [it, added] = index.emplace(key_of(plan), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].rows.push_back(i);
    }
    for (auto* kind : {&unreachable, &errors, &would_run, &up_to_date})
        for (auto& group : *kind)
            report.groups.push_back(std::move(group));
    return report;
}

PlanCounts count_plans(const PlanReport& report) {
    PlanCounts counts;
    counts.targets = report.rows.size();
    for (const auto& row : report.rows) {
        switch (row.plan.state) {
        case PlanState::would_run:
            ++counts.would_run;
            counts.steps += row.plan.steps.size();
            break;
        case PlanState::up_to_date:
            ++counts.up_to_date;
            break;
        case PlanState::unreachable:
        case PlanState::error:
            ++counts.failed;
            break;
        }
    }
    return counts;
}

ExitCode plan_exit_code(const PlanReport& report) {
    return count_plans(report).failed > 0 ? ExitCode::failed : ExitCode::ok;
}

} // namespace fleet::plugins::reporters
