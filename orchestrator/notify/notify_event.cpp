#include "orchestrator/notify/notify_event.hpp"

#include "engine/util/time.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace fleet::orchestrator::notify {

namespace {

using Json = nlohmann::ordered_json;
using rollout::TargetState;

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

// The fields every event starts with.
Json header(const char* event, const RunFacts& run, std::chrono::system_clock::time_point when) {
    return {{"version", 1},
            {"event", event},
            {"run", run.run},
            {"command", run.command},
            {"revision", text_or_null(run.revision)},
            {"fleet_version", FLEET_VERSION},
            {"time", engine::util::utc_timestamp_ms(when)}};
}

Json error_json(const rollout::ErrorInfo& error) {
    if (error == rollout::ErrorInfo{}) return nullptr;
    return {
        {"kind", text_or_null(error.kind)},           {"revision", text_or_null(error.revision)},
        {"statement", text_or_null(error.statement)}, {"sqlstate", text_or_null(error.sqlstate)},
        {"file", text_or_null(error.file)},           {"line", error.line}};
}

// Text that is not UTF-8 (a statement's bytes) is replaced, never a throw.
std::string dump(const Json& document) {
    return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace

std::string rollout_started_event(const RunFacts& run, const rollout::RolloutPlan& plan,
                                  std::chrono::system_clock::time_point when) {
    Json document = header("rollout_started", run, when);
    Json environments = Json::array();
    for (const auto& stage : plan.stages)
        if (std::find(environments.begin(), environments.end(), stage.environment) ==
            environments.end())
            environments.push_back(stage.environment);
    document["targets"] = plan.target_count();
    document["environments"] = std::move(environments);
    return dump(document);
}

std::string target_failed_event(const RunFacts& run, const rollout::TargetOutcome& outcome,
                                std::chrono::system_clock::time_point when) {
    Json document = header("target_failed", run, when);
    const auto slash = outcome.target.find('/');
    document["target"] = {
        {"target", outcome.target},
        {"environment", outcome.target.substr(0, slash)},
        {"database", slash == std::string::npos ? "" : outcome.target.substr(slash + 1)},
        {"state", std::string(rollout::to_string(outcome.state))},
        {"steps", outcome.steps_run},
        {"duration_ms", outcome.duration.count()},
        {"message", text_or_null(outcome.message)},
        {"error", error_json(outcome.error)}};
    return dump(document);
}

std::string rollout_halted_event(const RunFacts& run, const std::string& reason,
                                 std::chrono::system_clock::time_point when) {
    Json document = header("rollout_halted", run, when);
    document["reason"] = reason;
    return dump(document);
}

std::string rollout_finished_event(const RunFacts& run, const rollout::RolloutReport& report,
                                   std::chrono::system_clock::time_point when) {
    Json document = header("rollout_finished", run, when);
    document["exit_code"] = static_cast<int>(report.exit_code());
    document["halted"] = report.halted;
    document["halt_reason"] = text_or_null(report.halt_reason);
    document["interrupted"] = report.interrupted;
    document["summary"] = {{"targets", report.outcomes.size()},
                           {"done", report.count(TargetState::done)},
                           {"failed", report.count(TargetState::failed)},
                           {"skipped", report.count(TargetState::skipped)},
                           {"cancelled", report.count(TargetState::cancelled)}};
    return dump(document);
}

} // namespace fleet::orchestrator::notify
