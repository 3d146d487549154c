#include "orchestrator/rollout/rollout_json.hpp"

#include "engine/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <ostream>

namespace fleet::orchestrator::rollout {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::array k_states{TargetState::done, TargetState::failed, TargetState::skipped,
                              TargetState::cancelled};

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json error_json(const ErrorInfo& error) {
    if (error == ErrorInfo{}) return nullptr;
    return {
        {"kind", text_or_null(error.kind)},           {"revision", text_or_null(error.revision)},
        {"statement", text_or_null(error.statement)}, {"sqlstate", text_or_null(error.sqlstate)},
        {"file", text_or_null(error.file)},           {"line", error.line}};
}

Json target_json(const TargetOutcome& outcome) {
    const auto slash = outcome.target.find('/');
    return {{"target", outcome.target},
            {"environment", outcome.target.substr(0, slash)},
            {"database", slash == std::string::npos ? "" : outcome.target.substr(slash + 1)},
            {"state", std::string(to_string(outcome.state))},
            {"steps", outcome.steps_run},
            {"duration_ms", outcome.duration.count()},
            {"message", text_or_null(outcome.message)},
            {"error", error_json(outcome.error)}};
}

// Reading: a field missing or of the wrong type names the field; the line
// is the document's (nlohmann keeps no positions once parsed).
struct Reader {
    std::string file;

    [[noreturn]] void fail(int line, const std::string& problem) const {
        throw InputError(file, line, problem);
    }
    const Json& field(const Json& object, const char* key, const std::string& where) const {
        if (!object.is_object() || !object.contains(key))
            fail(0, "not a fleet rollout report: " + where + " has no \"" + key + "\"");
        return object.at(key);
    }
    std::string text(const Json& object, const char* key, const std::string& where) const {
        const auto& value = field(object, key, where);
        if (value.is_null()) return {};
        if (!value.is_string()) fail(0, where + "'s \"" + key + "\" is not a string");
        return value.get<std::string>();
    }
    // An optional list of strings: empty when absent.
    std::vector<std::string> texts(const Json& object, const char* key) const {
        std::vector<std::string> values;
        if (!object.contains(key)) return values;
        const auto& list = object.at(key);
        if (!list.is_array()) fail(0, std::string("the report's \"") + key + "\" is not a list");
        for (const auto& value : list) {
            if (!value.is_string())
                fail(0, std::string("the report's \"") + key +
                            "\" holds a value that is not a string");
            values.push_back(value.get<std::string>());
        }
        return values;
    }
    long long number(const Json& object, const char* key, const std::string& where) const {
        const auto& value = field(object, key, where);
        if (!value.is_number_integer()) fail(0, where + "'s \"" + key + "\" is not a number");
        return value.get<long long>();
    }
    bool boolean(const Json& object, const char* key, const std::string& where) const {
        const auto& value = field(object, key, where);
        if (!value.is_boolean()) fail(0, where + "'s \"" + key + "\" is not true or false");
        return value.get<bool>();
    }
    TargetState state(const std::string& name, const std::string& where) const {
        for (auto state : k_states)
            if (to_string(state) == name) return state;
        fail(0, where + "'s state '" + name + "' is not done, failed, skipped or cancelled");
    }
};

// The line of a byte offset, for a parse error.
int line_of(const std::string& text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(std::count(
                   text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

} // namespace

ExitCode RolloutDocument::exit_code() const {
    const ExitCode code = report.exit_code();
    if (code == ExitCode::ok && !missing_shards.empty()) return ExitCode::failed;
    return code;
}

void write_rollout_json(const RolloutDocument& document, std::ostream& out) {
    const auto& report = document.report;
    Json doc;
    doc["version"] = 1;
    doc["command"] = document.command;
    doc["revision"] = document.revision;
    doc["shard"] = document.shard ? Json(*document.shard) : Json(nullptr);
    doc["run"] = document.run;
    if (!document.runs.empty() || !document.missing_shards.empty()) {
        doc["runs"] = document.runs;
        doc["missing_shards"] = document.missing_shards;
    }
    doc["exit_code"] = static_cast<int>(document.exit_code());
    doc["halted"] = report.halted;
    doc["halt_reason"] = text_or_null(report.halt_reason);
    doc["interrupted"] = report.interrupted;
    Json summary{{"targets", report.outcomes.size()}};
    for (auto state : k_states)
        summary[std::string(to_string(state))] = report.count(state);
    doc["summary"] = summary;
    doc["targets"] = Json::array();
    for (const auto& outcome : report.outcomes)
        doc["targets"].push_back(target_json(outcome));
    out << doc.dump(2) << "\n";
}

RolloutDocument read_rollout_json(const std::filesystem::path& path) {
    Reader r{path.string()};
    std::ifstream in(path, std::ios::binary);
    if (!in) r.fail(0, "cannot read the rollout report");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    Json doc;
    try {
        doc = Json::parse(text);
    } catch (const Json::parse_error& error) {
        r.fail(line_of(text, error.byte == 0 ? 0 : error.byte - 1),
               "not JSON: " + std::string(error.what()));
    }
    if (r.number(doc, "version", "the report") != 1)
        r.fail(0, "rollout report version " + doc.at("version").dump() + " is not 1");
    RolloutDocument document;
    document.command = r.text(doc, "command", "the report");
    document.revision = r.text(doc, "revision", "the report");
    if (auto shard = r.text(doc, "shard", "the report"); !shard.empty()) document.shard = shard;
    document.run = r.text(doc, "run", "the report");
    document.runs = r.texts(doc, "runs");
    document.missing_shards = r.texts(doc, "missing_shards");
    document.report.halted = r.boolean(doc, "halted", "the report");
    document.report.halt_reason = r.text(doc, "halt_reason", "the report");
    document.report.interrupted = r.boolean(doc, "interrupted", "the report");
    const auto& targets = r.field(doc, "targets", "the report");
    if (!targets.is_array()) r.fail(0, "the report's \"targets\" is not a list");
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& t = targets[i];
        const std::string where = "target " + std::to_string(i + 1);
        TargetOutcome outcome;
        outcome.target = r.text(t, "target", where);
        outcome.state = r.state(r.text(t, "state", where), where);
        outcome.steps_run = static_cast<int>(r.number(t, "steps", where));
        outcome.duration = std::chrono::milliseconds(r.number(t, "duration_ms", where));
        outcome.message = r.text(t, "message", where);
        if (const auto& e = r.field(t, "error", where); !e.is_null()) {
            outcome.error.kind = r.text(e, "kind", where + "'s error");
            outcome.error.revision = r.text(e, "revision", where + "'s error");
            outcome.error.statement = r.text(e, "statement", where + "'s error");
            outcome.error.sqlstate = r.text(e, "sqlstate", where + "'s error");
            outcome.error.file = r.text(e, "file", where + "'s error");
            outcome.error.line = static_cast<int>(r.number(e, "line", where + "'s error"));
        }
        document.report.outcomes.push_back(std::move(outcome));
    }
    return document;
}

} // namespace fleet::orchestrator::rollout
