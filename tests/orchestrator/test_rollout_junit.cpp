#include "orchestrator/rollout/rollout_junit.hpp"

#include "tests/support/golden_text.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace fleet::orchestrator::rollout;

namespace {

TargetOutcome outcome(const std::string& target, TargetState state, int ms, int steps) {
    TargetOutcome o;
    o.target = target;
    o.state = state;
    o.duration = std::chrono::milliseconds(ms);
    o.steps_run = steps;
    return o;
}

// A rollout over two environments with every outcome: the figures are
// fixed, so the XML is the same at every run.
RolloutDocument mixed_rollout() {
    RolloutDocument document;
    document.command = "upgrade";
    document.revision = "head";
    document.run = "0123456789abcdef0123456789abcdef";
    auto failed = outcome("production/t-globex", TargetState::failed, 87, 1);
    failed.message = "revision b2c0ffee0002 failed\n"
                     "  statement: CREATE TABLE accounts (id INTEGER PRIMARY KEY)\n"
                     "  error: table \"accounts\" already exists";
    failed.error = {.kind = "migration",
                    .revision = "b2c0ffee0002",
                    .statement = "CREATE TABLE accounts (id INTEGER PRIMARY KEY)",
                    .sqlstate = "42P07",
                    .file = "",
                    .line = 0};
    auto cancelled = outcome("production/t-initech", TargetState::cancelled, 2500, 0);
    cancelled.message = "interrupted: the statement was cancelled";
    cancelled.error.kind = "interrupted";
    auto skipped = outcome("production/t-umbrella", TargetState::skipped, 0, 0);
    skipped.message = "not started: the rollout halted (2 failures, more than max_failures 1)";
    document.report.outcomes = {outcome("staging/t-acme", TargetState::done, 1234, 3),
                                outcome("production/t-acme", TargetState::done, 40, 2), failed,
                                cancelled, skipped};
    document.report.halted = true;
    document.report.halt_reason = "2 failures, more than max_failures 1";
    return document;
}

std::string junit_of(const RolloutDocument& document) {
    std::ostringstream out;
    write_rollout_junit(document, out);
    return out.str();
}

} // namespace

TEST_CASE("a rollout as JUnit: a suite per environment, a case per target, every outcome") {
    const auto xml = junit_of(mixed_rollout());
    fleet::test::check_golden_text(std::string(FLEET_TEST_GOLDEN_DIR) + "/rollout_junit.xml", xml,
                                   "<!-- golden:");

    SUBCASE("the counts CI servers read are the outcomes'") {
        CHECK(xml.find("<testsuites name=\"fleet upgrade head\" tests=\"5\" failures=\"1\" "
                       "errors=\"1\" skipped=\"1\" time=\"3.861\">") != std::string::npos);
        CHECK(xml.find("<testsuite name=\"production\" tests=\"4\" failures=\"1\" errors=\"1\" "
                       "skipped=\"1\" time=\"2.627\">") != std::string::npos);
    }
    SUBCASE("the failure carries the revision, statement and SQLSTATE, escaped") {
        CHECK(xml.find("<failure message=\"revision b2c0ffee0002 failed: table "
                       "&quot;accounts&quot; already exists\" type=\"migration\">revision: "
                       "b2c0ffee0002\nstatement: CREATE TABLE accounts (id INTEGER PRIMARY "
                       "KEY)\nsqlstate: 42P07\n") != std::string::npos);
    }
}

TEST_CASE("a sharded rollout's JUnit names the shard, and an empty one is still a document") {
    RolloutDocument document;
    document.command = "downgrade";
    document.revision = "-1";
    document.shard = "2/4";
    const auto xml = junit_of(document);
    CHECK(xml == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites name=\"fleet downgrade -1 (shard 2/4)\" tests=\"0\" failures=\"0\" "
                 "errors=\"0\" skipped=\"0\" time=\"0.000\">\n"
                 "</testsuites>\n");
}
