#include "orchestrator/rollout/scheduler.hpp"

#include "tests/orchestrator/rollout_testing.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

using namespace fleet::orchestrator::rollout;
using namespace fleet::orchestrator::rollout::testing;
using fleet::inventory::Amount;
using fleet::inventory::TargetSpec;
using namespace std::chrono_literals;

namespace {

RolloutOptions quiet_options() {
    RolloutOptions options;
    options.catch_signals = false;
    return options;
}

TargetOutcome done(int steps = 1) {
    TargetOutcome outcome;
    outcome.state = TargetState::done;
    outcome.steps_run = steps;
    return outcome;
}

TargetOutcome failed(std::string message) {
    TargetOutcome outcome;
    outcome.state = TargetState::failed;
    outcome.message = std::move(message);
    return outcome;
}

// A fake work function that records which targets it was called for.
struct Calls {
    std::mutex mutex;
    std::vector<std::string> names;

    void add(const TargetSpec& target) {
        std::lock_guard lock(mutex);
        names.push_back(target.full_name());
    }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return names.size();
    }
    bool has(const std::string& name) {
        std::lock_guard lock(mutex);
        return std::find(names.begin(), names.end(), name) != names.end();
    }
};

// A meeting point for work functions that the scheduler must run at the same
// time: each waits until `count` have arrived, which they can only do if
// they all run at once. No timing is assumed: the wait is bounded (10 s) only
// so that a scheduler running them one at a time fails the test instead of
// hanging it.
class Meeting {
  public:
    explicit Meeting(int count) : m_count(count) {}

    // Arrives and waits for the others; false if they never came.
    bool arrive_and_wait() {
        std::unique_lock lock(m_mutex);
        ++m_arrived;
        m_all_here.notify_all();
        return m_all_here.wait_for(lock, 10s, [&] { return m_arrived >= m_count; });
    }
    bool complete() {
        std::lock_guard lock(m_mutex);
        return m_arrived >= m_count;
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_all_here;
    int m_arrived = 0;
    const int m_count;
};

// Counts the work functions running at once, in all and per server, and
// their peaks. Thread-safe.
struct InFlight {
    std::mutex mutex;
    int now = 0;
    int peak = 0;
    std::map<std::string, int> on_host;
    int peak_on_host = 0;

    // Returns how many run now, this one included.
    int enter(const std::string& host) {
        std::lock_guard lock(mutex);
        peak = std::max(peak, ++now);
        peak_on_host = std::max(peak_on_host, ++on_host[host]);
        return now;
    }
    void leave(const std::string& host) {
        std::lock_guard lock(mutex);
        --now;
        --on_host[host];
    }
};

// Waits until token is stopped; true if it was. Bounded (10 s) only so that
// a request that never comes fails the test instead of hanging it.
bool wait_for_request(const std::stop_token& token) {
    std::mutex mutex;
    std::condition_variable_any never_notified;
    std::unique_lock lock(mutex);
    never_notified.wait_for(lock, token, 10s, [] { return false; });
    return token.stop_requested();
}

} // namespace

TEST_CASE("a rollout whose targets all succeed reports each one done, in inventory order") {
    const auto targets = make_targets("prod", 12, rollout_settings(3, 2, 1, {Amount::count(4)}));
    Calls calls;
    std::mutex spans_mutex;
    std::map<std::string, std::chrono::steady_clock::duration> spans;
    auto work = [&](const TargetSpec& target, const StopToken&) {
        const auto begin = std::chrono::steady_clock::now();
        calls.add(target);
        TargetOutcome outcome = done(3);
        outcome.message = "upgraded " + target.name;
        std::lock_guard lock(spans_mutex);
        spans[target.full_name()] = std::chrono::steady_clock::now() - begin;
        return outcome;
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    REQUIRE(report.outcomes.size() == 12);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        CAPTURE(i);
        CHECK(report.outcomes[i].target == targets[i].full_name());
        CHECK(report.outcomes[i].state == TargetState::done);
        CHECK(report.outcomes[i].message == "upgraded " + targets[i].name);
        CHECK(report.outcomes[i].steps_run == 3);
        // The duration is measured around the work function's call.
        CHECK(report.outcomes[i].duration >=
              std::chrono::duration_cast<std::chrono::milliseconds>(spans[targets[i].full_name()]));
    }
    CHECK(calls.size() == 12);
    CHECK(calls.names.front() == "prod/t00"); // the canary goes first
    CHECK_FALSE(report.halted);
    CHECK_FALSE(report.interrupted);
    CHECK(report.exit_code() == fleet::ExitCode::ok);
}

TEST_CASE("an empty rollout succeeds") {
    auto work = [](const TargetSpec&, const StopToken&) { return done(); };
    const RolloutReport report = run_rollout({}, work, quiet_options());
    CHECK(report.outcomes.empty());
    CHECK(report.exit_code() == fleet::ExitCode::ok);
}

TEST_CASE("concurrency and per_host are never exceeded") {
    // 3 servers, 4 at once, 2 per server. The first batch's first four
    // targets (t01-t04: servers h1, h2, h0, h1) fit together, so they meet:
    // the rollout does reach its concurrency.
    const auto targets =
        make_targets("prod", 40, rollout_settings(4, 2, 1, {Amount::count(15)}), 3);
    InFlight flight;
    Meeting first_batch(4);
    std::atomic<bool> canary_alone{true};
    std::atomic<bool> met{true};
    auto work = [&](const TargetSpec& target, const StopToken&) {
        const std::string host = target.database_url().host;
        const int running = flight.enter(host);
        if (target.name == "t00" && running != 1) canary_alone = false;
        if (target.name >= "t01" && target.name <= "t04" && !first_batch.arrive_and_wait())
            met = false;
        flight.leave(host);
        return done();
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    CHECK(report.count(TargetState::done) == 40);
    CHECK(met);
    CHECK(flight.peak == 4);
    CHECK(flight.peak_on_host <= 2);
    CHECK(canary_alone);
}

TEST_CASE("SQLite files are hosts of their own: per_host 1 does not serialize them") {
    const auto files = make_targets("prod", 12, rollout_settings(4, 1, 0, {Amount::count(12)}));
    InFlight flight;
    Meeting first_four(4);
    std::atomic<bool> met{true};
    auto work = [&](const TargetSpec& target, const StopToken&) {
        flight.enter("one per_host key per file");
        if (target.name <= "t03" && !first_four.arrive_and_wait()) met = false;
        flight.leave("one per_host key per file");
        return done();
    };
    run_rollout(files, work, quiet_options());
    CHECK(met);
    CHECK(flight.peak == 4);
}

TEST_CASE("on one server per_host is the limit, below concurrency") {
    const auto one_host =
        make_targets("prod", 12, rollout_settings(8, 2, 0, {Amount::count(12)}), 1);
    InFlight flight;
    Meeting first_two(2);
    std::atomic<bool> met{true};
    auto work = [&](const TargetSpec& target, const StopToken&) {
        flight.enter("h0");
        if (target.name <= "t01" && !first_two.arrive_and_wait()) met = false;
        flight.leave("h0");
        return done();
    };
    run_rollout(one_host, work, quiet_options());
    CHECK(met);
    CHECK(flight.peak == 2);
    CHECK(flight.peak_on_host == 2);
}

TEST_CASE("a failing canary halts before any other target starts") {
    const auto targets =
        make_targets("prod", 10, rollout_settings(4, 2, 2, {Amount::count(4)}, Amount::count(5)));
    Calls calls;
    auto work = [&](const TargetSpec& target, const StopToken&) {
        calls.add(target);
        return target.name == "t00" ? failed("relation \"x\" already exists") : done();
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    CHECK(calls.size() == 1); // not even the second canary
    CHECK(report.halted);
    CHECK(report.halt_reason == "canary prod/t00 failed");
    CHECK(report.outcomes[0].state == TargetState::failed);
    CHECK(report.outcomes[0].message == "relation \"x\" already exists");
    for (std::size_t i = 1; i < targets.size(); ++i) {
        CAPTURE(i);
        CHECK(report.outcomes[i].state == TargetState::skipped);
        CHECK(report.outcomes[i].target == targets[i].full_name());
        CHECK(report.outcomes[i].duration.count() == 0);
        CHECK(report.outcomes[i].message.find("halted") != std::string::npos);
    }
    CHECK(report.exit_code() == fleet::ExitCode::halted);
}

TEST_CASE("more failures than max_failures halt the rollout; the rest are skipped, untouched") {
    // One at a time, so the halt point is exact: t01, t03, t05 fail.
    const auto targets =
        make_targets("prod", 20, rollout_settings(1, 1, 0, {Amount::count(10)}, Amount::count(2)));
    Calls calls;
    auto work = [&](const TargetSpec& target, const StopToken&) {
        calls.add(target);
        const bool fails = target.name == "t01" || target.name == "t03" || target.name == "t05";
        return fails ? failed("boom") : done();
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    CHECK(report.halted);
    CHECK(report.halt_reason == "3 targets of prod failed, more than max_failures 2");
    CHECK(calls.size() == 6);
    CHECK_FALSE(calls.has("prod/t06"));
    CHECK(report.count(TargetState::failed) == 3);
    CHECK(report.count(TargetState::done) == 3);
    CHECK(report.count(TargetState::skipped) == 14);
    CHECK(report.exit_code() == fleet::ExitCode::halted);

    SUBCASE("at the limit it goes on, and exits 1") {
        auto two = [&](const TargetSpec& target, const StopToken&) {
            return target.name == "t01" || target.name == "t03" ? failed("boom") : done();
        };
        const RolloutReport ok = run_rollout(targets, two, quiet_options());
        CHECK_FALSE(ok.halted);
        CHECK(ok.count(TargetState::done) == 18);
        CHECK(ok.exit_code() == fleet::ExitCode::failed);
    }
}

TEST_CASE("with targets in parallel a halt lets the running ones finish and starts no more") {
    const auto targets =
        make_targets("prod", 30, rollout_settings(4, 4, 0, {Amount::count(30)}, Amount::count(2)));
    std::atomic<int> called{0};
    Meeting first_four(4); // the first four run together
    std::atomic<bool> met{true};
    auto work = [&](const TargetSpec& target, const StopToken&) {
        ++called;
        if (target.name <= "t03" && !first_four.arrive_and_wait()) met = false;
        return failed("boom");
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    CHECK(met);
    CHECK(report.halted);
    // The third failure halts; at most the 3 others running with it finish.
    CHECK(called.load() >= 4);
    CHECK(called.load() <= 6);
    CHECK(report.count(TargetState::skipped) == 30 - static_cast<std::size_t>(called.load()));
    CHECK(report.exit_code() == fleet::ExitCode::halted);
}

TEST_CASE("max_failures as a percentage is of the environment's targets") {
    auto fail_first_three = [](const TargetSpec& target, const StopToken&) {
        return target.name <= "t02" ? failed("boom") : done();
    };
    SUBCASE("10% of 20 tolerates 2: 3 failures halt") {
        const auto targets = make_targets(
            "prod", 20, rollout_settings(1, 1, 0, {Amount::count(5)}, Amount::percent(10)));
        const RolloutReport report = run_rollout(targets, fail_first_three, quiet_options());
        CHECK(report.halted);
        CHECK(report.count(TargetState::skipped) == 17);
    }
    SUBCASE("10% of 30 tolerates 3") {
        const auto targets = make_targets(
            "prod", 30, rollout_settings(1, 1, 0, {Amount::count(5)}, Amount::percent(10)));
        const RolloutReport report = run_rollout(targets, fail_first_three, quiet_options());
        CHECK_FALSE(report.halted);
        CHECK(report.count(TargetState::done) == 27);
        CHECK(report.exit_code() == fleet::ExitCode::failed);
    }
}

TEST_CASE("continue_on_error runs every target whatever fails") {
    const auto targets =
        make_targets("prod", 10, rollout_settings(2, 2, 1, {Amount::count(3)}, Amount::count(0)));
    Calls calls;
    auto work = [&](const TargetSpec& target, const StopToken&) {
        calls.add(target);
        return target.name == "t00" || target.name == "t05" ? failed("boom") : done();
    };
    RolloutOptions options = quiet_options();
    options.continue_on_error = true;
    const RolloutReport report = run_rollout(targets, work, options);
    CHECK(calls.size() == 10);
    CHECK_FALSE(report.halted);
    CHECK(report.count(TargetState::failed) == 2);
    CHECK(report.exit_code() == fleet::ExitCode::failed);
}

TEST_CASE("a halt in one environment skips the environments after it") {
    const auto targets =
        concat(make_targets("staging", 3, rollout_settings(2, 2, 1, {Amount::count(5)})),
               make_targets("production", 5, rollout_settings(2, 2, 1, {Amount::count(5)})));
    Calls calls;
    auto work = [&](const TargetSpec& target, const StopToken&) {
        calls.add(target);
        return target.name == "t01" && target.environment == "staging" ? failed("boom") : done();
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    CHECK(report.halted);
    CHECK(calls.size() <= 3);
    for (std::size_t i = 3; i < 8; ++i)
        CHECK(report.outcomes[i].state == TargetState::skipped);

    SUBCASE("failures are counted per environment") {
        // staging tolerates 1 failure, production again 1.
        const auto tolerant =
            concat(make_targets("staging", 3,
                                rollout_settings(1, 1, 0, {Amount::count(5)}, Amount::count(1))),
                   make_targets("production", 3,
                                rollout_settings(1, 1, 0, {Amount::count(5)}, Amount::count(1))));
        auto one_each = [](const TargetSpec& target, const StopToken&) {
            return target.name == "t01" ? failed("boom") : done();
        };
        const RolloutReport each = run_rollout(tolerant, one_each, quiet_options());
        CHECK_FALSE(each.halted);
        CHECK(each.count(TargetState::failed) == 2);
    }
}

TEST_CASE("the pause is waited between waves") {
    auto settings = rollout_settings(4, 4, 1, {Amount::count(2)});
    settings.pause = 40ms;
    const auto targets = make_targets("prod", 5, settings); // waves t00, t01-t02, t03-t04
    using Clock = std::chrono::steady_clock;
    std::mutex mutex;
    std::map<std::string, std::pair<Clock::time_point, Clock::time_point>> spans;
    auto work = [&](const TargetSpec& target, const StopToken&) {
        const auto begin = Clock::now();
        std::lock_guard lock(mutex);
        spans[target.name] = {begin, Clock::now()};
        return done();
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    CHECK(report.exit_code() == fleet::ExitCode::ok);
    // Every target of a wave ended before the next wave's first one began,
    // at least the pause earlier. An Asio timer never fires early, so this
    // lower bound cannot flake however slow the machine; nothing is
    // asserted about how much longer it took.
    auto first_start = [&](std::initializer_list<const char*> wave) {
        auto earliest = Clock::time_point::max();
        for (const char* name : wave)
            earliest = std::min(earliest, spans[name].first);
        return earliest;
    };
    auto last_end = [&](std::initializer_list<const char*> wave) {
        auto latest = Clock::time_point::min();
        for (const char* name : wave)
            latest = std::max(latest, spans[name].second);
        return latest;
    };
    CHECK(first_start({"t01", "t02"}) - last_end({"t00"}) >= 40ms);
    CHECK(first_start({"t03", "t04"}) - last_end({"t01", "t02"}) >= 40ms);
}

TEST_CASE("an exception from the work function becomes that target's failed outcome") {
    const auto targets =
        make_targets("prod", 6, rollout_settings(3, 3, 0, {Amount::count(6)}, Amount::count(5)));
    auto work = [](const TargetSpec& target, const StopToken&) -> TargetOutcome {
        if (target.name == "t01") throw std::runtime_error("connect to postgresql://u:hunter2@h/d");
        if (target.name == "t02") throw 42;
        return done();
    };
    const RolloutReport report = run_rollout(targets, work, quiet_options());
    CHECK(report.outcomes[1].state == TargetState::failed);
    CHECK(report.outcomes[1].message.find("connect to postgresql://u:") == 0);
    CHECK(report.outcomes[1].message.find("hunter2") == std::string::npos);
    CHECK(report.outcomes[2].state == TargetState::failed);
    CHECK(report.outcomes[2].message == "unknown exception");
    CHECK(report.count(TargetState::done) == 4);
    CHECK_FALSE(report.halted);
    CHECK(report.exit_code() == fleet::ExitCode::failed);
}

TEST_CASE("a first stop request lets running targets finish and skips the rest") {
    const auto targets = make_targets("prod", 10, rollout_settings(2, 2, 0, {Amount::count(10)}));
    Calls calls;
    std::atomic<bool> saw_stop{false};
    std::atomic<bool> saw_cancel{false};
    std::atomic<int> cancel_callbacks{0};
    Scheduler* scheduler_ptr = nullptr;
    auto work = [&](const TargetSpec& target, const StopToken& stop) {
        std::stop_callback on_cancel(stop.cancel_token(), [&] { ++cancel_callbacks; });
        calls.add(target);
        if (target.name == "t00") scheduler_ptr->interrupt();
        saw_stop = wait_for_request(stop.stop_token());
        saw_cancel = stop.cancel_requested();
        return done();
    };
    Scheduler scheduler(targets, plan_rollout(targets), work, quiet_options());
    scheduler_ptr = &scheduler;
    const RolloutReport report = scheduler.run();
    CHECK(saw_stop);
    CHECK_FALSE(saw_cancel);
    CHECK(cancel_callbacks == 0);
    CHECK(calls.size() == 2); // t00 and t01 started together
    CHECK(report.outcomes[0].state == TargetState::done);
    CHECK(report.outcomes[1].state == TargetState::done);
    CHECK(report.count(TargetState::skipped) == 8);
    CHECK(report.outcomes[9].message == "not started: the rollout was interrupted");
    CHECK(report.interrupted);
    CHECK_FALSE(report.halted);
    CHECK(report.exit_code() == fleet::ExitCode::failed);
}

TEST_CASE("a second stop request runs the cancel callbacks; cut-short targets are cancelled") {
    const auto targets = make_targets("prod", 6, rollout_settings(2, 2, 0, {Amount::count(6)}));
    std::atomic<int> cancel_callbacks{0};
    Scheduler* scheduler_ptr = nullptr;
    auto work = [&](const TargetSpec& target, const StopToken& stop) {
        // What cancel_on_request() does for a connection: the callback
        // cancels the running statement, here a wait for it.
        std::mutex mutex;
        std::condition_variable_any statement;
        bool cancelled = false;
        std::stop_callback on_cancel(stop.cancel_token(), [&] {
            ++cancel_callbacks;
            std::lock_guard lock(mutex);
            cancelled = true;
            statement.notify_all();
        });
        if (target.name == "t00") {
            scheduler_ptr->interrupt();
            scheduler_ptr->interrupt();
        }
        std::unique_lock lock(mutex);
        if (!statement.wait_for(lock, 10s, [&] { return cancelled; })) return done();
        return failed("canceling statement due to user request");
    };
    Scheduler scheduler(targets, plan_rollout(targets), work, quiet_options());
    scheduler_ptr = &scheduler;
    const RolloutReport report = scheduler.run();
    CHECK(cancel_callbacks == 2); // once for each of the two running targets
    CHECK(report.outcomes[0].state == TargetState::cancelled);
    CHECK(report.outcomes[0].message == "canceling statement due to user request");
    CHECK(report.outcomes[1].state == TargetState::cancelled);
    CHECK(report.count(TargetState::skipped) == 4);
    CHECK(report.interrupted);
    CHECK(report.exit_code() == fleet::ExitCode::failed);
}

TEST_CASE("a stop requested before the rollout runs starts nothing") {
    const auto targets = make_targets("prod", 3, rollout_settings(2, 2, 1, {Amount::count(6)}));
    std::atomic<int> called{0};
    auto work = [&](const TargetSpec&, const StopToken&) {
        ++called;
        return done();
    };
    Scheduler scheduler(targets, plan_rollout(targets), work, quiet_options());
    scheduler.interrupt();
    const RolloutReport report = scheduler.run();
    CHECK(called == 0);
    CHECK(report.count(TargetState::skipped) == 3);
    CHECK(report.interrupted);
    CHECK(report.exit_code() == fleet::ExitCode::failed);
}

TEST_CASE("a stop during the pause between waves starts no further wave") {
    auto settings = rollout_settings(2, 2, 1, {Amount::count(2)});
    settings.pause = 10s;
    const auto targets = make_targets("prod", 5, settings);
    Scheduler* scheduler_ptr = nullptr;
    auto work = [&](const TargetSpec&, const StopToken&) {
        scheduler_ptr->interrupt(); // handled once the canary has ended: during the pause
        return done();
    };
    Scheduler scheduler(targets, plan_rollout(targets), work, quiet_options());
    scheduler_ptr = &scheduler;
    const auto begin = std::chrono::steady_clock::now();
    const RolloutReport report = scheduler.run();
    CHECK(std::chrono::steady_clock::now() - begin < 5s);
    CHECK(report.outcomes[0].state == TargetState::done);
    CHECK(report.count(TargetState::skipped) == 4);
    CHECK(report.interrupted);
}

TEST_CASE("a real SIGINT stops the rollout like the first stop request") {
    const auto targets = make_targets("prod", 4, rollout_settings(1, 1, 0, {Amount::count(4)}));
    std::atomic<bool> saw_stop{false};
    auto work = [&](const TargetSpec& target, const StopToken& stop) {
        if (target.name == "t00") std::raise(SIGINT);
        saw_stop = wait_for_request(stop.stop_token());
        return done();
    };
    RolloutOptions options; // catch_signals is on by default
    const RolloutReport report = run_rollout(targets, work, options);
    CHECK(saw_stop);
    CHECK(report.interrupted);
    CHECK(report.outcomes[0].state == TargetState::done);
    CHECK(report.count(TargetState::skipped) == 3);
    CHECK(report.exit_code() == fleet::ExitCode::failed);
}

TEST_CASE("the exit code says halted, then failed or interrupted, then done") {
    RolloutReport report;
    report.outcomes.resize(2);
    report.outcomes[0].state = TargetState::done;
    report.outcomes[1].state = TargetState::done;
    CHECK(report.exit_code() == fleet::ExitCode::ok);
    report.outcomes[1].state = TargetState::failed;
    CHECK(report.exit_code() == fleet::ExitCode::failed);
    report.outcomes[1].state = TargetState::cancelled;
    CHECK(report.exit_code() == fleet::ExitCode::failed);
    report.outcomes[1].state = TargetState::done;
    report.interrupted = true;
    CHECK(report.exit_code() == fleet::ExitCode::failed);
    report.halted = true;
    CHECK(report.exit_code() == fleet::ExitCode::halted);
    CHECK(to_string(TargetState::skipped) == "skipped");
}
