#include "orchestrator/notify/notify_event.hpp"

#include "orchestrator/notify/delivery.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>

using namespace fleet::orchestrator;
using namespace fleet::orchestrator::notify;
using Json = nlohmann::json;

namespace {

const RunFacts k_run{"upgrade", "head", "0123456789abcdef0123456789abcdef"};

// 2026-12-07T04:50:12.250Z
std::chrono::system_clock::time_point sample_time() {
    using namespace std::chrono;
    return sys_days{year{2026} / 12 / 7} + hours{4} + minutes{50} + seconds{12} + milliseconds{250};
}

void check_header(const Json& event, const char* name) {
    CHECK(event["version"] == 1);
    CHECK(event["event"] == name);
    CHECK(event["run"] == "0123456789abcdef0123456789abcdef");
    CHECK(event["command"] == "upgrade");
    CHECK(event["revision"] == "head");
    CHECK(event["fleet_version"] == FLEET_VERSION);
    CHECK(event["time"] == "2026-12-07T04:50:12.250Z");
}

} // namespace

TEST_CASE("rollout_started names the run, the targets' count and their environments") {
    rollout::RolloutPlan plan;
    plan.stages.resize(2);
    plan.stages[0].environment = "staging";
    plan.stages[1].environment = "prod";
    plan.host_keys = {"a", "b", "c"};
    const Json event = Json::parse(rollout_started_event(k_run, plan, sample_time()));
    check_header(event, "rollout_started");
    CHECK(event["targets"] == 3);
    CHECK(event["environments"] == Json::array({"staging", "prod"}));
}

TEST_CASE("target_failed carries the target as the JSON report has it, error fields and all") {
    rollout::TargetOutcome outcome;
    outcome.target = "prod/t2";
    outcome.state = rollout::TargetState::failed;
    outcome.steps_run = 1;
    outcome.duration = std::chrono::milliseconds(120);
    outcome.message = "revision 2b: relation \"x\" does not exist";
    outcome.error = {.kind = "migration",
                     .revision = "2b",
                     .statement = "ALTER TABLE x ADD y int",
                     .sqlstate = "42P01",
                     .file = "",
                     .line = 0};
    const Json event = Json::parse(target_failed_event(k_run, outcome, sample_time()));
    check_header(event, "target_failed");
    const Json& target = event["target"];
    CHECK(target["target"] == "prod/t2");
    CHECK(target["environment"] == "prod");
    CHECK(target["database"] == "t2");
    CHECK(target["state"] == "failed");
    CHECK(target["steps"] == 1);
    CHECK(target["duration_ms"] == 120);
    CHECK(target["message"] == "revision 2b: relation \"x\" does not exist");
    CHECK(target["error"]["kind"] == "migration");
    CHECK(target["error"]["revision"] == "2b");
    CHECK(target["error"]["statement"] == "ALTER TABLE x ADD y int");
    CHECK(target["error"]["sqlstate"] == "42P01");
    CHECK(target["error"]["file"].is_null());
    CHECK(target["error"]["line"] == 0);
}

TEST_CASE("rollout_halted says why; rollout_finished gives the counts and the exit code") {
    const Json halted =
        Json::parse(rollout_halted_event(k_run, "2 failures > max_failures 1", sample_time()));
    check_header(halted, "rollout_halted");
    CHECK(halted["reason"] == "2 failures > max_failures 1");

    rollout::RolloutReport report;
    report.outcomes.resize(4);
    report.outcomes[0].state = rollout::TargetState::done;
    report.outcomes[1].state = rollout::TargetState::failed;
    report.outcomes[2].state = rollout::TargetState::failed;
    report.outcomes[3].state = rollout::TargetState::skipped;
    report.halted = true;
    report.halt_reason = "2 failures > max_failures 1";
    const Json finished = Json::parse(rollout_finished_event(k_run, report, sample_time()));
    check_header(finished, "rollout_finished");
    CHECK(finished["exit_code"] == 4);
    CHECK(finished["halted"] == true);
    CHECK(finished["halt_reason"] == "2 failures > max_failures 1");
    CHECK(finished["interrupted"] == false);
    CHECK(finished["summary"] ==
          Json{{"targets", 4}, {"done", 1}, {"failed", 2}, {"skipped", 1}, {"cancelled", 0}});
}

TEST_CASE("a statement's bytes that are not UTF-8 are replaced, not thrown on") {
    rollout::TargetOutcome outcome;
    outcome.target = "dev/app";
    outcome.state = rollout::TargetState::failed;
    outcome.message = std::string("bad byte \xff here");
    const Json event = Json::parse(target_failed_event(k_run, outcome, sample_time()));
    CHECK(event["target"]["message"] == "bad byte \xEF\xBF\xBD here");
}

TEST_CASE("messages name an endpoint without its password, query or arguments") {
    fleet::inventory::NotifyEntry webhook;
    webhook.webhook = "https://bot:hunter2@hooks.example.com/services/T1?token=abc#x";
    webhook.secret = "s3cret";
    CHECK(endpoint_name(webhook) == "webhook https://bot:***@hooks.example.com/services/T1?...");

    fleet::inventory::NotifyEntry plain;
    plain.webhook = "http://127.0.0.1:8080/hook";
    CHECK(endpoint_name(plain) == "webhook http://127.0.0.1:8080/hook");

    fleet::inventory::NotifyEntry command;
    command.command = {"/usr/local/bin/page", "--token", "abc"};
    CHECK(endpoint_name(command) == "command /usr/local/bin/page");
}
