#include "plugins/reporters/status_report.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace fleet::plugins::reporters {

namespace {

// The revisions applied on some readable target, in the order first seen
// (each target's list is lowest first, so this is an upgrade order).
// Also how many of them every such target has: the environment where a
// revision is rolled out everywhere is ahead of one where it reached one
// target.
struct Applied {
    std::vector<std::string> order;
    std::set<std::string> ids;
    std::map<std::string, std::size_t> targets_with; // id -> how many targets have it
    std::size_t targets = 0;

    void add(const std::vector<std::string>& revisions) {
        ++targets;
        for (const auto& id : revisions) {
            if (ids.insert(id).second) order.push_back(id);
            ++targets_with[id];
        }
    }
    std::size_t everywhere() const {
        std::size_t n = 0;
        for (const auto& [id, count] : targets_with)
            n += count == targets ? 1 : 0;
        return n;
    }
    // Ranked by revisions applied anywhere, then by those applied everywhere.
    bool at_least(const Applied& other) const {
        if (ids.size() != other.ids.size()) return ids.size() > other.ids.size();
        return everywhere() >= other.everywhere();
    }
};

EnvironmentComparison compare(const std::vector<const StatusRow*>& rows, const std::string& against,
                              const Applied& reference) {
    EnvironmentComparison comparison;
    comparison.against = against;
    std::set<std::string> missing;
    for (const auto* row : rows) {
        if (!row->status.applied_known) continue;
        ++comparison.compared;
        std::set<std::string> here(row->status.applied.begin(), row->status.applied.end());
        bool behind = false;
        for (const auto& id : reference.order) {
            if (here.count(id)) continue;
            behind = true;
            missing.insert(id);
        }
        if (behind) ++comparison.behind;
    }
    for (const auto& id : reference.order) {
        if (missing.count(id)) comparison.missing.push_back(id);
    }
    return comparison;
}

} // namespace

StatusReport summarize(std::vector<StatusRow> rows, const std::vector<std::string>& environments) {
    StatusReport report;
    report.rows = std::move(rows);

    std::vector<std::string> order = environments;
    for (const auto& row : report.rows) {
        if (std::find(order.begin(), order.end(), row.environment) == order.end())
            order.push_back(row.environment);
    }
    std::map<std::string, std::vector<const StatusRow*>> by_environment;
    for (const auto& row : report.rows)
        by_environment[row.environment].push_back(&row);

    std::vector<Applied> applied(order.size());
    std::size_t best = order.size();
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& members = by_environment[order[i]];
        if (members.empty()) continue; // selected away: nothing to say about it
        EnvironmentSummary summary;
        summary.name = order[i];
        summary.targets = members.size();
        for (const auto* row : members) {
            ++summary.states[static_cast<std::size_t>(row->status.state)];
            if (row->status.applied_known) applied[i].add(row->status.applied);
        }
        report.environments.push_back(std::move(summary));
        if (!applied[i].ids.empty() && (best == order.size() || applied[i].at_least(applied[best])))
            best = i;
    }
    if (best == order.size()) return report;
    report.most_advanced = order[best];
    for (auto& summary : report.environments) {
        if (summary.name == report.most_advanced) continue;
        summary.comparison =
            compare(by_environment[summary.name], report.most_advanced, applied[best]);
    }
    return report;
}

StatusCounts count_states(const StatusReport& report) {
    StatusCounts counts;
    for (const auto& row : report.rows) {
        ++counts.targets;
        auto state = row.status.state;
        if (state == StatusState::unreachable || state == StatusState::error) ++counts.unreadable;
        if (engine::command::unhealthy(state)) ++counts.unhealthy;
    }
    return counts;
}

ExitCode status_exit_code(const StatusReport& report) {
    auto counts = count_states(report);
    if (counts.unreadable > 0) return ExitCode::failed;
    if (counts.unhealthy > 0) return ExitCode::out_of_sync;
    return ExitCode::ok;
}

} // namespace fleet::plugins::reporters
