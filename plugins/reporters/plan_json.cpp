#include "plugins/reporters/plan_json.hpp"

#include <nlohmann/json.hpp>

namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;

Json step(const engine::command::PlannedStep& s) {
    Json j;
    j["direction"] = std::string(engine::command::plan_direction_name(s.direction));
    j["revision"] = s.revision;
    j["down_revisions"] = s.down_revisions;
    j["message"] = s.message;
    j["transactional"] = s.transactional;
    return j;
}

Json target(const PlanRow& row, bool with_sql) {
    const auto& p = row.plan;
    const bool planned = p.state == PlanState::would_run || p.state == PlanState::up_to_date;
    Json t;
    t["name"] = p.name;
    t["environment"] = row.environment;
    t["database"] = row.database;
    t["url"] = p.display_url;
    t["state"] = engine::command::plan_state_name(p.state);
    t["current"] = p.current_known ? Json(p.current) : Json(nullptr);
    t["database_exists"] = p.database_exists;
    if (planned) {
        t["steps"] = Json::array();
        for (const auto& s : p.steps)
            t["steps"].push_back(step(s));
    } else {
        t["steps"] = nullptr;
    }
    t["sql"] = with_sql && planned ? Json(p.sql) : Json(nullptr);
    t["error"] = planned ? Json(nullptr) : Json(p.detail);
    return t;
}

} // namespace

void render_plan_json(const PlanReport& report, std::ostream& out, bool with_sql) {
    auto counts = count_plans(report);
    Json doc;
    doc["version"] = 1;
    doc["exit_code"] = static_cast<int>(plan_exit_code(report));
    doc["direction"] = report.direction;
    doc["revision"] = report.revision;
    doc["summary"] = {{"targets", counts.targets},
                      {"would_run", counts.would_run},
                      {"up_to_date", counts.up_to_date},
                      {"failed", counts.failed},
                      {"steps", counts.steps}};
    doc["targets"] = Json::array();
    for (const auto& row : report.rows)
        doc["targets"].push_back(target(row, with_sql));
    out << doc.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
