#include "plugins/reporters/audit_report.hpp"

#include "engine/schema/schema_groups.hpp"

#include <algorithm>
#include <map>

namespace fleet::plugins::reporters {

namespace schema = engine::schema;

namespace {

// The drift inside one group of rows (same environment, same revisions).
void group_drift(const std::vector<const AuditRow*>& group, std::vector<AuditDrift>& drift) {
    std::vector<const schema::Schema*> schemas;
    for (const auto* row : group)
        schemas.push_back(&*row->audit.schema);
    auto groups = schema::group_schemas(schemas);
    if (groups.size() < 2) return;
    const AuditRow& reference = *group[groups.front().members.front()];
    auto revisions = reference.audit.status.current;
    std::sort(revisions.begin(), revisions.end());
    for (std::size_t g = 1; g < groups.size(); ++g) {
        for (std::size_t member : groups[g].members) {
            const AuditRow& row = *group[member];
            drift.push_back({row.environment, row.name(), reference.name(), revisions, group.size(),
                             schema::compare(*reference.audit.schema, *row.audit.schema,
                                             {reference.name(), row.name()})});
        }
    }
}

} // namespace

AuditReport make_audit_report(std::vector<AuditRow> rows,
                              const std::vector<std::string>& environments) {
    AuditReport report;
    std::vector<StatusRow> status_rows;
    for (const auto& row : rows)
        status_rows.push_back({row.environment, row.database, row.audit.status});
    report.status = summarize(std::move(status_rows), environments);
    report.rows = std::move(rows);

    // Groups keyed by environment then sorted version rows, in the order
    // their first target comes in the inventory.
    std::map<std::pair<std::string, std::vector<std::string>>, std::size_t> group_of;
    std::vector<std::vector<const AuditRow*>> groups;
    for (const auto& row : report.rows) {
        const auto& audit = row.audit;
        if (!audit.schema || !audit.status.current_known) continue;
        auto revisions = audit.status.current;
        std::sort(revisions.begin(), revisions.end());
        if (row.expected) {
            auto differences =
                schema::compare(*row.expected, *audit.schema, {"its revisions", row.name()});
            if (!differences.empty())
                report.drift.push_back(
                    {row.environment, row.name(), "", revisions, 0, std::move(differences)});
            continue;
        }
        auto [it, added] =
            group_of.emplace(std::make_pair(row.environment, revisions), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(&row);
    }
    for (const auto& group : groups)
        group_drift(group, report.drift);
    return report;
}

AuditCounts count_audit(const AuditReport& report) {
    AuditCounts counts;
    auto status = count_states(report.status);
    counts.targets = report.rows.size();
    counts.unhealthy = status.unhealthy;
    for (const auto& row : report.rows) {
        const auto& audit = row.audit;
        bool status_unreadable = audit.status.state == StatusState::unreachable ||
                                 audit.status.state == StatusState::error;
        if (status_unreadable || !audit.error.empty()) ++counts.unreadable;
        counts.edited_scripts += audit.edited.size();
        if (audit.history == engine::command::HistoryState::no_history) ++counts.no_history;
    }
    counts.drifted = report.drift.size();
    return counts;
}

ExitCode audit_exit_code(const AuditReport& report) {
    auto counts = count_audit(report);
    if (counts.unreadable > 0) return ExitCode::failed;
    if (counts.unhealthy > 0 || counts.edited_scripts > 0 || counts.drifted > 0)
        return ExitCode::out_of_sync;
    return ExitCode::ok;
}

} // namespace fleet::plugins::reporters
