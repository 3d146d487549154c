#include "plugins/reporters/plan_table.hpp"

#include "engine/util/text.hpp"
#include "plugins/reporters/text_format.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fleet::plugins::reporters {

namespace util = engine::util;

namespace {

std::string names(const PlanReport& report, const PlanGroup& group,
                  const PlanTableOptions& options) {
    std::vector<std::string> shown;
    const std::size_t limit =
        options.all ? group.rows.size() : std::min(group.rows.size(), options.names_shown);
    for (std::size_t i = 0; i < limit; ++i)
        shown.push_back(report.rows[group.rows[i]].plan.name);
    std::string text = fmt::format("{}", fmt::join(shown, ", "));
    if (limit < group.rows.size())
        text += fmt::format(" and {} more (--all names them all)", group.rows.size() - limit);
    return text;
}

// "base", and how many of the group's databases do not exist yet.
std::string standing(const PlanReport& report, const PlanGroup& group) {
    const auto& first = report.rows[group.rows.front()].plan;
    std::size_t absent = 0;
    for (auto i : group.rows) {
        if (!report.rows[i].plan.database_exists) ++absent;
    }
    std::string text = util::revision_list(first.current);
    if (absent == group.rows.size() && absent == 1) {
        text += " (database not created yet)";
    } else if (absent > 0) {
        text += fmt::format(" ({} of {} not created yet)", absent, group.rows.size());
    }
    return text;
}

void render_group(const PlanReport& report, const PlanGroup& group, std::ostream& out,
                  const PlanTableOptions& options) {
    const auto& first = report.rows[group.rows.front()].plan;
    switch (first.state) {
    case PlanState::unreachable:
    case PlanState::error:
        out << engine::command::plan_state_name(first.state) << ": " << first.name << "\n";
        out << "  " << util::one_line(first.detail) << "\n";
        return;
    case PlanState::would_run:
        out << fmt::format("{} would run {}: {}\n", plural(group.rows.size(), "target", "targets"),
                           plural(first.steps.size(), "step", "steps"),
                           names(report, group, options));
        out << "  from " << standing(report, group) << "\n";
        for (const auto& step : first.steps)
            out << "  " << step_text(step) << "\n";
        return;
    case PlanState::up_to_date:
        out << fmt::format("{}, nothing to do: {}\n",
                           plural(group.rows.size(), "target", "targets"),
                           names(report, group, options));
        out << "  at " << standing(report, group) << "\n";
        return;
    }
}

} // namespace

std::string step_text(const engine::command::PlannedStep& step) {
    const bool up = step.direction == engine::command::PlanDirection::upgrade;
    std::vector<std::string> self{step.revision};
    const auto& from = up ? step.down_revisions : self;
    const auto& to = up ? self : step.down_revisions;
    std::string text =
        fmt::format("{} {} -> {}", engine::command::plan_direction_name(step.direction),
                    util::revision_list(from), util::revision_list(to));
    if (!step.message.empty()) text += fmt::format(" ({})", util::one_line(step.message));
    if (!step.transactional) text += " [non-transactional]";
    return text;
}

std::string plan_summary_line(const PlanReport& report) {
    auto counts = count_plans(report);
    std::string line = fmt::format("{} of {} would run {}; {} up to date", counts.would_run,
                                   plural(counts.targets, "target", "targets"),
                                   plural(counts.steps, "step", "steps"), counts.up_to_date);
    if (counts.failed > 0) line += fmt::format("; {} could not be planned", counts.failed);
    return line;
}

void render_plan_table(const PlanReport& report, std::ostream& out,
                       const PlanTableOptions& options) {
    out << "Plan: " << report.direction << " " << report.revision << "\n\n";
    for (const auto& group : report.groups) {
        render_group(report, group, out, options);
        out << "\n";
    }
    out << plan_summary_line(report) << "\n";
}

} // namespace fleet::plugins::reporters
