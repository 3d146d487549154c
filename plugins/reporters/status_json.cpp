#include "plugins/reporters/status_json.hpp"

#include <nlohmann/json.hpp>

namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;

Json target(const StatusRow& row) {
    const auto& s = row.status;
    Json t;
    t["environment"] = row.environment;
    t["database"] = row.database;
    t["url"] = s.display_url;
    t["current"] = s.current_known ? Json(s.current) : Json(nullptr);
    t["heads"] = s.heads;
    t["pending"] = s.applied_known ? Json(s.pending) : Json(nullptr);
    t["pending_revisions"] = s.applied_known ? Json(s.pending_revisions) : Json(nullptr);
    t["state"] = engine::command::state_name(s.state);
    t["detail"] = s.detail;
    return t;
}

Json environment(const EnvironmentSummary& summary) {
    Json e;
    e["name"] = summary.name;
    e["targets"] = summary.targets;
    // Best first, as the table's summary line; every state, zeros included,
    // so a script can read any key without checking it is there.
    for (std::size_t i = k_state_count; i-- > 0;)
        e[std::string(engine::command::state_name(static_cast<StatusState>(i)))] =
            summary.states[i];
    if (summary.comparison) {
        const auto& c = *summary.comparison;
        e["missing_vs"] = {{"env", c.against},
                           {"behind", c.behind},
                           {"compared", c.compared},
                           {"revisions", c.missing}};
    } else {
        e["missing_vs"] = nullptr;
    }
    return e;
}

} // namespace

void render_status_json(const StatusReport& report, std::ostream& out) {
    Json doc;
    doc["version"] = 1;
    auto counts = count_states(report);
    doc["exit_code"] = static_cast<int>(status_exit_code(report));
    doc["summary"] = {{"targets", counts.targets},
                      {"unhealthy", counts.unhealthy},
                      {"unreadable", counts.unreadable}};
    doc["most_advanced"] =
        report.most_advanced.empty() ? Json(nullptr) : Json(report.most_advanced);
    doc["targets"] = Json::array();
    for (const auto& row : report.rows)
        doc["targets"].push_back(target(row));
    doc["environments"] = Json::array();
    for (const auto& summary : report.environments)
        doc["environments"].push_back(environment(summary));
    out << doc.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
