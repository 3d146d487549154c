#include "plugins/reporters/lint_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

// SARIF 2.1.0 (OASIS): what code-scanning services (GitHub, GitLab, Azure
// DevOps) read. Only the properties the standard requires and those a viewer
// shows are written.
namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_schema = "https://json.schemastore.org/sarif-2.1.0.json";

Json rule_json(const std::string& id, const LintReport& report) {
    const auto summary = report.rule_summaries.find(id);
    Json rule;
    rule["id"] = id;
    rule["shortDescription"] = {
        {"text", summary != report.rule_summaries.end() ? summary->second : id}};
    return rule;
}

std::string message_of(const LintGroup& group) {
    const auto& f = group.finding;
    std::string text = f.what;
    if (group.targets.size() > 1)
        text += " (on " + std::to_string(group.targets.size()) + " targets)";
    if (!f.safe.empty()) text += ". Safe: " + f.safe;
    return text;
}

Json result_json(const LintGroup& group, std::size_t rule_index) {
    const auto& f = group.finding;
    Json result;
    result["ruleId"] = f.rule;
    result["ruleIndex"] = rule_index;
    result["level"] = engine::lint::severity_name(f.severity);
    result["message"] = {{"text", message_of(group)}};
    Json region = {{"startLine", f.line > 0 ? f.line : 1}};
    result["locations"] = Json::array(
        {{{"physicalLocation", {{"artifactLocation", {{"uri", f.file}}}, {"region", region}}}}});
    if (!f.waived.empty())
        result["suppressions"] = Json::array({{{"kind", "inSource"}, {"justification", f.waived}}});
    Json properties = {{"revision", f.revision}};
    if (!group.targets.empty()) properties["targets"] = group.targets;
    result["properties"] = properties;
    return result;
}

} // namespace

void render_lint_sarif(const LintReport& report, std::ostream& out) {
    std::vector<std::string> rule_ids;
    for (const auto& group : report.groups) {
        if (std::find(rule_ids.begin(), rule_ids.end(), group.finding.rule) == rule_ids.end())
            rule_ids.push_back(group.finding.rule);
    }
    Json driver;
    driver["name"] = "fleet";
    driver["version"] = FLEET_VERSION;
    driver["rules"] = Json::array();
    for (const auto& id : rule_ids)
        driver["rules"].push_back(rule_json(id, report));

    Json run;
    run["tool"] = {{"driver", driver}};
    run["results"] = Json::array();
    for (const auto& group : report.groups) {
        const auto at = std::find(rule_ids.begin(), rule_ids.end(), group.finding.rule);
        run["results"].push_back(
            result_json(group, static_cast<std::size_t>(at - rule_ids.begin())));
    }
    Json log;
    log["$schema"] = k_schema;
    log["version"] = "2.1.0";
    log["runs"] = Json::array({run});
    out << log.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
