#include "plugins/reporters/audit_json.hpp"

#include "plugins/reporters/diff_json.hpp"
#include "plugins/reporters/status_json.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;

Json target_json(const AuditRow& row) {
    const auto& audit = row.audit;
    Json t;
    t["environment"] = row.environment;
    t["database"] = row.database;
    t["state"] = engine::command::state_name(audit.status.state);
    t["history"] = engine::command::history_state_name(audit.history);
    t["edited_scripts"] = Json::array();
    for (const auto& edited : audit.edited)
        t["edited_scripts"].push_back({{"revision", edited.revision},
                                       {"file", edited.file},
                                       {"ran_at", edited.ran_at},
                                       {"ran_checksum", edited.ran_checksum},
                                       {"file_checksum", edited.file_checksum}});
    t["schema_read"] = audit.schema.has_value();
    t["schema_replayed"] = row.expected.has_value();
    t["not_replayed"] = row.not_replayed.empty() ? Json(nullptr) : Json(row.not_replayed);
    t["error"] = audit.error.empty() ? Json(nullptr) : Json(audit.error);
    return t;
}

} // namespace

void render_audit_json(const AuditReport& report, std::ostream& out) {
    auto counts = count_audit(report);
    Json doc;
    doc["version"] = 1;
    doc["exit_code"] = static_cast<int>(audit_exit_code(report));
    doc["summary"] = {{"targets", counts.targets},       {"unhealthy", counts.unhealthy},
                      {"unreadable", counts.unreadable}, {"edited_scripts", counts.edited_scripts},
                      {"drifted", counts.drifted},       {"no_history", counts.no_history}};
    // The status document, exactly as `fleet status --format json` writes it.
    std::ostringstream status;
    render_status_json(report.status, status);
    doc["status"] = Json::parse(status.str());
    doc["targets"] = Json::array();
    for (const auto& row : report.rows)
        doc["targets"].push_back(target_json(row));
    doc["drift"] = Json::array();
    for (const auto& drift : report.drift)
        doc["drift"].push_back(
            {{"environment", drift.environment},
             {"target", drift.target},
             {"against", drift.reference.empty() ? "revisions" : "peers"},
             {"reference", drift.reference.empty() ? Json(nullptr) : Json(drift.reference)},
             {"revisions", drift.revisions},
             {"group_size", drift.group_size},
             {"differences", differences_json(drift.differences)}});
    out << doc.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
