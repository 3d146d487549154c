#include "plugins/reporters/locks_json.hpp"

#include <nlohmann/json.hpp>

namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;

Json target(const LocksRow& row) {
    const auto& l = row.locks;
    Json t;
    t["name"] = l.name;
    t["environment"] = row.environment;
    t["database"] = row.database;
    t["url"] = l.display_url;
    t["state"] = engine::command::lock_state_name(l.state);
    t["holders"] = Json::array();
    for (const auto& h : l.holders) {
        t["holders"].push_back({{"pid", h.pid},
                                {"application", h.application},
                                {"client", h.client},
                                {"since", h.since},
                                {"activity", h.activity}});
    }
    const bool failed = l.state == LockState::unreachable || l.state == LockState::error;
    t["error"] = failed ? Json(l.detail) : Json(nullptr);
    return t;
}

} // namespace

void render_locks_json(const std::vector<LocksRow>& rows, std::ostream& out) {
    auto counts = count_locks(rows);
    Json doc;
    doc["version"] = 1;
    doc["exit_code"] = static_cast<int>(locks_exit_code(rows));
    doc["summary"] = {{"targets", counts.targets},
                      {"held", counts.held},
                      {"free", counts.free},
                      {"failed", counts.failed}};
    doc["targets"] = Json::array();
    for (const auto& row : rows)
        doc["targets"].push_back(target(row));
    out << doc.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
