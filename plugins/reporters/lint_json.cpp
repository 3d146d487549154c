#include "plugins/reporters/lint_json.hpp"

#include <nlohmann/json.hpp>

namespace fleet::plugins::reporters {

namespace {

using Json = nlohmann::ordered_json;
using engine::lint::severity_name;

Json size_or_null(double value) { return value < 0 ? Json(nullptr) : Json(value); }
Json size_or_null(long long value) { return value < 0 ? Json(nullptr) : Json(value); }
Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json finding_json(const LintGroup& group, engine::lint::Severity fail_on) {
    const auto& f = group.finding;
    Json j;
    j["rule"] = f.rule;
    j["severity"] = severity_name(f.severity);
    j["blocks"] = lint_blocks(group, fail_on);
    j["revision"] = f.revision;
    j["file"] = f.file;
    j["line"] = f.line;
    j["statement"] = f.statement;
    j["what"] = f.what;
    j["safe"] = f.safe;
    j["waived"] = text_or_null(f.waived);
    j["table"] = text_or_null(f.table);
    j["targets"] = group.targets;
    // The case `what` describes: the largest table among the targets.
    j["largest"] = f.target.empty() ? Json(nullptr)
                                    : Json{{"target", f.target},
                                           {"rows", size_or_null(f.rows)},
                                           {"bytes", size_or_null(f.bytes)}};
    return j;
}

} // namespace

void render_lint_json(const LintReport& report, engine::lint::Severity fail_on, std::ostream& out) {
    Json doc;
    doc["version"] = 1;
    doc["exit_code"] = static_cast<int>(lint_exit_code(report, fail_on));
    doc["fail_on"] = severity_name(fail_on);
    doc["summary"] = {{"errors", report.errors},
                      {"warnings", report.warnings},
                      {"waived", report.waived},
                      {"revisions", report.revisions},
                      {"targets", report.targets}};
    doc["findings"] = Json::array();
    for (const auto& group : report.groups)
        doc["findings"].push_back(finding_json(group, fail_on));
    doc["notes"] = report.notes;
    out << doc.dump(2) << "\n";
}

} // namespace fleet::plugins::reporters
