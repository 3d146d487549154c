#include "plugins/reporters/status_table.hpp"

#include "engine/util/text.hpp"
#include "engine/util/text_table.hpp"
#include "plugins/reporters/text_format.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tuple>

namespace fleet::plugins::reporters {

namespace util = engine::util;

namespace {

using Cells = std::array<std::string, 6>;
using TableRow = std::vector<engine::util::TextTable::Cell>;
const Cells k_header = {"ENVIRONMENT", "DATABASE", "CURRENT", "HEADS", "PENDING", "STATE"};

std::string label(StatusState state) {
    switch (state) {
    case StatusState::unreachable:
        return "unreachable";
    case StatusState::error:
        return "error";
    case StatusState::locked:
        return "locked";
    case StatusState::half_done:
        return "half-done";
    case StatusState::ahead_or_unknown:
        return "ahead or unknown";
    case StatusState::several_heads:
        return "several heads";
    case StatusState::behind:
        return "behind";
    case StatusState::up_to_date:
        return "up to date";
    }
    return "error";
}

bool pending_known(const TargetStatus& status) { return status.applied_known; }

Cells cells(const StatusRow& row) {
    const auto& s = row.status;
    return {row.environment,
            row.database,
            s.current_known ? util::revision_list(s.current) : "-",
            s.heads.empty() && s.state == StatusState::error ? "-" : util::revision_list(s.heads),
            pending_known(s) ? std::to_string(s.pending) : "-",
            state_text(s)};
}

std::string summary_line(const EnvironmentSummary& summary) {
    std::string line =
        fmt::format("{}: {}", summary.name, plural(summary.targets, "target", "targets"));
    // Best first, as people read it: "38 up to date, 2 behind".
    for (std::size_t i = k_state_count; i-- > 0;) {
        auto n = summary.states[i];
        if (n > 0) line += fmt::format(", {} {}", n, label(static_cast<StatusState>(i)));
    }
    return line;
}

std::string comparison_line(const EnvironmentSummary& summary, const std::string& most_advanced,
                            std::size_t missing_shown) {
    if (summary.name == most_advanced) return fmt::format("{}: most advanced", summary.name);
    const auto& c = *summary.comparison;
    if (c.compared == 0)
        return fmt::format("{}: not compared with {} (no target could be read)", summary.name,
                           c.against);
    std::string unread;
    if (c.compared < summary.targets)
        unread = fmt::format(" ({} not compared)", summary.targets - c.compared);
    if (c.behind == 0) return fmt::format("{}: level with {}{}", summary.name, c.against, unread);
    return fmt::format("{}: {} of {} behind {}{}, missing {}", summary.name, c.behind,
                       summary.targets, c.against, unread,
                       util::name_list(c.missing, missing_shown));
}

} // namespace

std::string state_text(const TargetStatus& status) {
    std::string text = label(status.state);
    if (status.state == StatusState::behind) text += fmt::format(" {}", status.pending);
    auto detail = util::one_line(status.detail);
    if (!detail.empty()) text += ": " + detail;
    return text;
}

void render_status_table(const StatusReport& report, std::ostream& out,
                         const TableOptions& options) {
    if (report.rows.empty()) {
        out << "No targets selected.\n";
        return;
    }
    std::vector<std::string> order;
    for (const auto& summary : report.environments)
        order.push_back(summary.name);
    auto environment_index = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(order.begin(), order.end(), name) -
                                        order.begin());
    };

    // Unhealthy first, worst state first; then by environment; inventory
    // order within each.
    std::vector<std::tuple<int, int, std::size_t, std::size_t>> keys;
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
        auto state = report.rows[i].status.state;
        bool healthy = !engine::command::unhealthy(state);
        keys.emplace_back(healthy ? 1 : 0, healthy ? 0 : static_cast<int>(state),
                          environment_index(report.rows[i].environment), i);
    }
    std::sort(keys.begin(), keys.end());

    const bool collapse = !options.all && report.rows.size() > options.collapse_above;
    std::vector<Cells> lines;
    std::vector<std::size_t> collapsed(order.size(), 0);
    for (const auto& key : keys) {
        const auto& row = report.rows[std::get<3>(key)];
        if (collapse && !engine::command::unhealthy(row.status.state)) {
            ++collapsed[std::get<2>(key)];
            continue;
        }
        lines.push_back(cells(row));
    }
    std::size_t hidden = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (collapsed[i] == 0) continue;
        hidden += collapsed[i];
        lines.push_back({order[i], fmt::format("({})", plural(collapsed[i], "target", "targets")),
                         "", "", "", label(StatusState::up_to_date)});
    }

    util::TextTable table;
    table.add_row(TableRow(k_header.begin(), k_header.end()));
    for (const auto& line : lines)
        table.add_row(TableRow(line.begin(), line.end()));
    out << table.render();
    if (hidden > 0)
        out << fmt::format("({} up to date not listed one by one; --all lists every target)\n",
                           plural(hidden, "target", "targets"));

    out << "\n";
    for (const auto& summary : report.environments)
        out << summary_line(summary) << "\n";
    if (report.environments.size() > 1 && !report.most_advanced.empty()) {
        out << "\n";
        for (const auto& summary : report.environments)
            out << comparison_line(summary, report.most_advanced, options.missing_shown) << "\n";
    }
}

} // namespace fleet::plugins::reporters
