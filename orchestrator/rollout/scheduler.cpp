#include "orchestrator/rollout/scheduler.hpp"

#include "orchestrator/rollout/asio.hpp"
#include "orchestrator/rollout/target_slots.hpp"

#include "engine/url/redact.hpp"

#include <chrono>
#include <csignal>
#include <deque>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <utility>

namespace fleet::orchestrator::rollout {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

std::chrono::milliseconds since(Clock::time_point begin) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - begin);
}

TargetOutcome failed_outcome(std::string message) {
    TargetOutcome outcome;
    outcome.state = TargetState::failed;
    outcome.message = std::move(message);
    return outcome;
}

} // namespace

struct Scheduler::Impl {
    Impl(std::vector<inventory::TargetSpec> all_targets, RolloutPlan rollout_plan,
         WorkFunction work_function, RolloutOptions rollout_options)
        : targets(std::move(all_targets)), plan(std::move(rollout_plan)),
          work(std::move(work_function)), options(std::move(rollout_options)),
          slots(plan.host_keys), outcomes(targets.size()), started(targets.size(), false) {
        wake.expires_at(asio::steady_timer::time_point::max());
    }

    std::vector<inventory::TargetSpec> targets;
    RolloutPlan plan;
    WorkFunction work;
    RolloutOptions options;

    // Declared before the I/O objects that use it, so it is destroyed last.
    asio::io_context io{1};
    asio::steady_timer wake{io};  // cancelled whenever a target ends or a stop arrives
    asio::steady_timer pause{io}; // the wait between waves
    std::optional<asio::signal_set> signals;
    std::optional<asio::thread_pool> pool;
    // The first stop request stops `stop`; a second one `cancel` too.
    std::stop_source stop;
    std::stop_source cancel;

    // Bookkeeping: touched only on the io_context thread.
    TargetSlots slots; // concurrency and per_host
    std::vector<TargetOutcome> outcomes;
    std::vector<bool> started;
    std::size_t stage_failures = 0;
    bool halted = false;
    std::string halt_reason;
    int stop_requests = 0;
    std::exception_ptr crash; // a bug in the scheduler itself, rethrown by run()
    bool ran = false;

    bool stopping() const { return halted || stop_requests > 0; }

    // Calls a Progress method; progress never fails a rollout.
    template <typename F> void tell(F&& event) {
        if (options.progress == nullptr) return;
        try {
            event(*options.progress);
        } catch (...) {
        }
    }

    // On a pool thread: the caller's work, any exception made an outcome.
    TargetOutcome call_work(std::size_t index) {
        try {
            return work(targets[index], StopToken(stop.get_token(), cancel.get_token()));
        } catch (const std::exception& e) {
            return failed_outcome(engine::url::mask_passwords(e.what()));
        } catch (...) {
            return failed_outcome("unknown exception");
        }
    }

    awaitable<TargetOutcome> work_on(std::size_t index) { co_return call_work(index); }

    awaitable<void> run_target(std::size_t index, const Stage* stage, bool canary) {
        const auto begin = Clock::now();
        TargetOutcome outcome;
        try {
            // co_spawn, not post: only co_spawn moves the work onto the pool.
            outcome = co_await asio::co_spawn(*pool, work_on(index), use_awaitable);
        } catch (const std::exception& e) {
            outcome = failed_outcome(engine::url::mask_passwords(e.what()));
        } catch (...) {
            outcome = failed_outcome("unknown exception");
        }
        target_ended(index, *stage, canary, std::move(outcome), since(begin));
    }

    void target_ended(std::size_t index, const Stage& stage, bool canary, TargetOutcome outcome,
                      std::chrono::milliseconds duration) {
        const inventory::TargetSpec& target = targets[index];
        outcome.target = target.full_name();
        outcome.duration = duration;
        if (outcome.state == TargetState::skipped) outcome.state = TargetState::done;
        if (outcome.state == TargetState::failed && cancel.stop_requested()) {
            outcome.state = TargetState::cancelled;
        }
        slots.give_back(index);
        const bool failed = outcome.state == TargetState::failed;
        outcomes[index] = std::move(outcome);
        tell([&](Progress& p) { p.target_finished(target, outcomes[index]); });

        if (failed) {
            ++stage_failures;
            if (!options.continue_on_error && !halted) {
                if (canary) {
                    halt("canary " + target.full_name() + " failed");
                } else if (stage_failures > stage.max_failures) {
                    halt(std::to_string(stage_failures) +
                         (stage_failures == 1 ? " target of " : " targets of ") +
                         stage.environment + " failed, more than max_failures " +
                         stage.settings.max_failures.to_string());
                }
            }
        }
        wake.cancel();
    }

    void halt(std::string reason) {
        halted = true;
        halt_reason = std::move(reason);
        tell([&](Progress& p) { p.halted(halt_reason); });
        wake.cancel();
        pause.cancel();
    }

    // On the io_context thread: a signal or interrupt().
    void stop_requested() {
        ++stop_requests;
        if (stop_requests == 1) {
            stop.request_stop();
            tell([](Progress& p) { p.interrupted(false); });
        } else {
            tell([](Progress& p) { p.interrupted(true); });
            // Runs the work functions' stop_callbacks here, once: each
            // cancels its connection's running statement.
            cancel.request_stop();
        }
        wake.cancel();
        pause.cancel();
    }

    awaitable<void> watch_signals() {
        for (;;) {
            boost::system::error_code ec;
            co_await signals->async_wait(asio::redirect_error(use_awaitable, ec));
            if (ec) co_return; // cancelled: the rollout is over
            stop_requested();
        }
    }

    void start(std::size_t index, const Stage& stage, bool canary) {
        started[index] = true;
        slots.take(index);
        tell([&](Progress& p) { p.target_started(targets[index]); });
        auto on_exit = [this](std::exception_ptr e) {
            if (e && !crash) crash = e;
        };
        asio::co_spawn(io, run_target(index, &stage, canary), on_exit);
    }

    awaitable<void> run_wave(const Stage& stage, const Wave& wave) {
        const bool canary = wave.kind == WaveKind::canary;
        std::deque<std::size_t> pending(wave.targets.begin(), wave.targets.end());
        for (;;) {
            // Start what fits, in inventory order; a target whose host is
            // full waits while later ones on other hosts go ahead.
            for (auto it = pending.begin();
                 it != pending.end() && !stopping() && slots.running() < wave.concurrency;) {
                if (!slots.fits(*it, wave.concurrency, wave.per_host)) {
                    ++it;
                    continue;
                }
                const std::size_t index = *it;
                it = pending.erase(it);
                start(index, stage, canary);
            }
            if (slots.running() == 0 && (pending.empty() || stopping())) co_return;
            boost::system::error_code ec;
            co_await wake.async_wait(asio::redirect_error(use_awaitable, ec));
        }
    }

    awaitable<void> rollout() {
        tell([&](Progress& p) { p.rollout_started(plan); });
        for (const Stage& stage : plan.stages) {
            stage_failures = 0;
            for (std::size_t w = 0; w < stage.waves.size() && !stopping(); ++w) {
                const Wave& wave = stage.waves[w];
                if (wave.pause_before.count() > 0) {
                    pause.expires_after(wave.pause_before);
                    boost::system::error_code ec;
                    co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
                    if (stopping()) break;
                }
                tell([&](Progress& p) { p.wave_started(stage, w); });
                co_await run_wave(stage, wave);
            }
            if (stopping()) break;
        }
    }

    RolloutReport run() {
        if (ran) throw std::logic_error("Scheduler::run() called twice");
        ran = true;
        pool.emplace(static_cast<std::size_t>(plan.max_concurrency()));
        if (options.catch_signals) {
            signals.emplace(io, SIGINT, SIGTERM);
            auto on_watch_exit = [this](std::exception_ptr e) {
                if (e && !crash) crash = e;
            };
            asio::co_spawn(io, watch_signals(), on_watch_exit);
        }
        auto on_rollout_exit = [this](std::exception_ptr e) {
            if (e && !crash) crash = e;
            if (signals) {
                boost::system::error_code ignored;
                signals->cancel(ignored);
            }
        };
        asio::co_spawn(io, rollout(), on_rollout_exit);
        io.run();
        pool->join();
        // The signal_set goes now: SIGINT kills the process again once the
        // rollout is over.
        signals.reset();
        if (crash) std::rethrow_exception(crash);
        return report();
    }

    RolloutReport report() {
        RolloutReport result;
        result.halted = halted;
        result.halt_reason = halt_reason;
        result.interrupted = stop_requests > 0;
        const std::string why =
            halted
                ? "not started: the rollout halted (" + halt_reason + ")"
                : (stop_requests > 0 ? "not started: the rollout was interrupted" : "not started");
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (started[i]) continue;
            outcomes[i] = TargetOutcome{};
            outcomes[i].target = targets[i].full_name();
            outcomes[i].state = TargetState::skipped;
            outcomes[i].message = why;
            tell([&](Progress& p) { p.target_skipped(targets[i], outcomes[i]); });
        }
        result.outcomes = std::move(outcomes);
        tell([&](Progress& p) { p.rollout_finished(result); });
        return result;
    }
};

Scheduler::Scheduler(std::vector<inventory::TargetSpec> targets, RolloutPlan plan,
                     WorkFunction work, RolloutOptions options)
    : m_impl(std::make_unique<Impl>(std::move(targets), std::move(plan), std::move(work),
                                    std::move(options))) {}

Scheduler::~Scheduler() = default;

RolloutReport Scheduler::run() { return m_impl->run(); }

void Scheduler::interrupt() {
    Impl* impl = m_impl.get();
    asio::post(impl->io, [impl] { impl->stop_requested(); });
}

RolloutReport run_rollout(const std::vector<inventory::TargetSpec>& targets, WorkFunction work,
                          RolloutOptions options) {
    Scheduler scheduler(targets, plan_rollout(targets), std::move(work), std::move(options));
    return scheduler.run();
}

} // namespace fleet::orchestrator::rollout
