#include "orchestrator/rollout/progress.hpp"
#include "orchestrator/rollout/progress_fanout.hpp"
#include "orchestrator/rollout/progress_log.hpp"
#include "orchestrator/rollout/progress_terminal.hpp"
#include "orchestrator/rollout/scheduler.hpp"

#include "tests/orchestrator/rollout_testing.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace fleet::orchestrator::rollout;
using namespace fleet::orchestrator::rollout::testing;
using fleet::inventory::Amount;
using fleet::inventory::TargetSpec;
using namespace std::chrono_literals;

namespace {

RolloutOptions with_progress(Progress& progress) {
    RolloutOptions options;
    options.catch_signals = false;
    options.progress = &progress;
    return options;
}

TargetOutcome outcome_of(TargetState state, std::string message = {}) {
    TargetOutcome outcome;
    outcome.state = state;
    outcome.message = std::move(message);
    return outcome;
}

// Records every event as a short string.
struct Recorder : Progress {
    std::vector<std::string> events;
    void rollout_started(const RolloutPlan& plan) override {
        events.push_back("start " + std::to_string(plan.target_count()));
    }
    void wave_started(const Stage& stage, std::size_t wave_index) override {
        events.push_back("wave " + stage.environment + " " + std::to_string(wave_index));
    }
    void target_started(const TargetSpec& target) override {
        events.push_back("started " + target.name);
    }
    void target_finished(const TargetSpec& target, const TargetOutcome& outcome) override {
        events.push_back(std::string(to_string(outcome.state)) + " " + target.name);
    }
    void target_skipped(const TargetSpec& target, const TargetOutcome&) override {
        events.push_back("skipped " + target.name);
    }
    void halted(const std::string&) override { events.push_back("halted"); }
    void interrupted(bool cancelling) override {
        events.push_back(cancelling ? "cancelling" : "interrupted");
    }
    void rollout_finished(const RolloutReport& report) override {
        events.push_back("finished " + std::to_string(static_cast<int>(report.exit_code())));
    }
};

} // namespace

TEST_CASE("the scheduler reports every event, in order, on one thread") {
    const auto targets =
        make_targets("prod", 5, rollout_settings(1, 1, 1, {Amount::count(2)}, Amount::count(0)));
    auto work = [](const TargetSpec& target, const StopToken&) {
        return outcome_of(target.name == "t02" ? TargetState::failed : TargetState::done, "x");
    };
    Recorder recorder;
    const RolloutReport report = run_rollout(targets, work, with_progress(recorder));
    CHECK(report.exit_code() == fleet::ExitCode::halted);
    const std::vector<std::string> expected{
        "start 5",     "wave prod 0", "started t00", "done t00",   "wave prod 1",
        "started t01", "done t01",    "started t02", "failed t02", "halted",
        "skipped t03", "skipped t04", "finished 4"};
    CHECK(recorder.events == expected);
}

TEST_CASE("a progress that throws does not fail the rollout") {
    struct Broken : Progress {
        void target_started(const TargetSpec&) override { throw std::runtime_error("EPIPE"); }
        void target_finished(const TargetSpec&, const TargetOutcome&) override {
            throw std::runtime_error("EPIPE");
        }
    } broken;
    const auto targets = make_targets("prod", 4, rollout_settings(2, 2, 1, {Amount::count(2)}));
    auto work = [](const TargetSpec&, const StopToken&) { return outcome_of(TargetState::done); };
    const RolloutReport report = run_rollout(targets, work, with_progress(broken));
    CHECK(report.exit_code() == fleet::ExitCode::ok);
}

TEST_CASE("a fan-out hands every event to each observer, also after one of them throws") {
    struct Broken : Progress {
        void target_finished(const TargetSpec&, const TargetOutcome&) override {
            throw std::runtime_error("webhook down");
        }
    } broken;
    Recorder first, last;
    ProgressFanOut fan_out({&first, &broken, nullptr, &last});
    const auto targets = make_targets("prod", 3, rollout_settings(1, 1, 1, {Amount::count(2)}));
    auto work = [](const TargetSpec&, const StopToken&) { return outcome_of(TargetState::done); };
    const RolloutReport report = run_rollout(targets, work, with_progress(fan_out));
    CHECK(report.exit_code() == fleet::ExitCode::ok);
    const std::vector<std::string> expected{
        "start 3",     "wave prod 0", "started t00", "done t00", "wave prod 1",
        "started t01", "done t01",    "started t02", "done t02", "finished 0"};
    CHECK(first.events == expected);
    CHECK(last.events == expected);
}

TEST_CASE("without a terminal each event is one log line") {
    const auto targets =
        make_targets("prod", 4, rollout_settings(1, 1, 1, {Amount::count(2)}, Amount::count(0)));
    auto work = [](const TargetSpec& target, const StopToken&) {
        TargetOutcome outcome =
            outcome_of(target.name == "t01" ? TargetState::failed : TargetState::done,
                       target.name == "t01" ? "relation \"accounts\" already exists" : "");
        outcome.steps_run = target.name == "t01" ? 0 : 2;
        return outcome;
    };
    std::ostringstream out;
    LogProgress progress(out);
    run_rollout(targets, work, with_progress(progress));

    // Durations vary: compare the lines with them blanked.
    std::string text = out.str();
    for (const char* marker : {"done in ", "failed after "}) {
        for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
            const auto from = at + std::string(marker).size();
            const auto to = text.find_first_of(" :", from);
            text.replace(from, to - from, "T");
        }
    }
    CHECK(text == "rollout: 4 targets in 1 environment\n"
                  "prod: canary wave, 1 target\n"
                  "prod/t00: started\n"
                  "prod/t00: done in T (2 steps)\n"
                  "prod: batch 1 of 2, 2 targets\n"
                  "prod/t01: started\n"
                  "prod/t01: failed after T: relation \"accounts\" already exists\n"
                  "rollout halted: 1 target of prod failed, more than max_failures 0; "
                  "waiting for 0 running targets\n"
                  "prod/t02: skipped: not started: the rollout halted (1 target of prod failed, "
                  "more than max_failures 0)\n"
                  "prod/t03: skipped: not started: the rollout halted (1 target of prod failed, "
                  "more than max_failures 0)\n"
                  "rollout finished: 1 done, 1 failed, 2 skipped; halted: 1 target of prod "
                  "failed, more than max_failures 0\n");
}

TEST_CASE("on a terminal one line is redrawn with done/total, failed, running and ETA") {
    using Clock = TerminalProgress::Clock;
    Clock::time_point now{};
    std::ostringstream out;
    TerminalProgress progress(out, [&] { return now; });

    const auto targets = make_targets("prod", 4, rollout_settings(2, 2, 0, {Amount::count(4)}));
    const RolloutPlan plan = plan_rollout(targets);
    progress.rollout_started(plan);
    CHECK(progress.line() == "[fleet] 0/4 targets, 0 running");
    progress.target_started(targets[0]);
    progress.target_started(targets[1]);
    CHECK(progress.line() == "[fleet] 0/4 targets, 2 running");

    now += 10s;
    TargetOutcome done = outcome_of(TargetState::done);
    done.target = "prod/t00";
    progress.target_finished(targets[0], done);
    // 1 of 4 ended in 10 s: 3 to go, 30 s.
    CHECK(progress.line() == "[fleet] 1/4 targets, 1 running, ETA 30.0s");

    TargetOutcome failed = outcome_of(TargetState::failed, "lock timeout");
    failed.duration = 10s;
    progress.target_finished(targets[1], failed);
    CHECK(progress.line() == "[fleet] 2/4 targets, 1 failed, 0 running, ETA 10.0s");

    const std::string text = out.str();
    CHECK(text.find('\r') != std::string::npos);
    // The failure is printed on a line of its own that stays on screen.
    CHECK(text.find("prod/t01: failed after 10.0s: lock timeout\n") != std::string::npos);

    RolloutReport report;
    report.outcomes = {done, failed, outcome_of(TargetState::skipped),
                       outcome_of(TargetState::skipped)};
    report.interrupted = true;
    progress.rollout_finished(report);
    CHECK(out.str().ends_with("\nrollout finished: 1 done, 1 failed, 2 skipped; interrupted\n"));

    SUBCASE("the line names the wave under way") {
        progress.wave_started(plan.stages.at(0), 0);
        CHECK(
            progress.line() ==
            "[fleet] 2/4 targets, 1 failed, 0 running, ETA 10.0s (prod: batch 1 of 1, 4 targets)");
    }
}

TEST_CASE("make_progress picks the live line for a terminal and log lines otherwise") {
    std::ostringstream out;
    CHECK(dynamic_cast<TerminalProgress*>(make_progress(out, true).get()) != nullptr);
    CHECK(dynamic_cast<LogProgress*>(make_progress(out, false).get()) != nullptr);
}

TEST_CASE("on a terminal a log line is printed whole above the live line, which is drawn again") {
    std::ostringstream out;
    TerminalProgress progress(out);
    const auto targets = make_targets("prod", 2, rollout_settings(2, 2, 0, {Amount::count(2)}));
    SUBCASE("before the live line is drawn it is a plain line") {
        progress.print_log("INFO  [fleet] early");
        CHECK(out.str() == "INFO  [fleet] early\n");
    }
    SUBCASE("while it is drawn the live line is cleared first") {
        progress.rollout_started(plan_rollout(targets));
        out.str("");
        progress.print_log("INFO  [fleet] prod/t00: SQL: CREATE TABLE t (x int)");
        CHECK(out.str() == "\r\x1b[KINFO  [fleet] prod/t00: SQL: CREATE TABLE t (x int)\n\r[fleet] "
                           "0/2 targets, 0 running\x1b[K");
    }
}

TEST_CASE("log records carry an outcome's facts as fields beside the text line") {
    std::vector<fleet::orchestrator::logging::LogRecord> records;
    LogProgress progress(
        [&](const fleet::orchestrator::logging::LogRecord& record) { records.push_back(record); });
    const auto targets = make_targets("prod", 1, rollout_settings(1, 1, 0, {Amount::count(1)}));
    TargetOutcome failed = outcome_of(TargetState::failed, "revision r3 failed");
    failed.duration = 1200ms;
    failed.error.kind = "migration";
    failed.error.revision = "r3";
    failed.error.statement = "ALTER TABLE busy ADD note text";
    failed.error.sqlstate = "55P03";
    progress.target_finished(targets[0], failed);
    REQUIRE(records.size() == 1);
    const auto& record = records[0];
    CHECK(record.event == "target_finished");
    CHECK(record.target == "prod/t00");
    CHECK(record.text == "prod/t00: failed after 1.2s: revision r3 failed");
    using fleet::orchestrator::logging::Fields;
    CHECK(record.fields == Fields{{"state", std::string("failed")},
                                  {"steps", std::int64_t{0}},
                                  {"duration_ms", std::int64_t{1200}},
                                  {"error", std::string("migration")},
                                  {"revision", std::string("r3")},
                                  {"statement", std::string("ALTER TABLE busy ADD note text")},
                                  {"sqlstate", std::string("55P03")}});
}
