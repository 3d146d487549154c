#pragma once

#include "inventory/target_spec.hpp"
#include "orchestrator/rollout/progress.hpp"
#include "orchestrator/rollout/rollout_plan.hpp"
#include "orchestrator/rollout/rollout_report.hpp"
#include "orchestrator/rollout/stop_token.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace fleet::orchestrator::rollout {

// The blocking work on one target (connect, lock, migrate). Called on a
// thread-pool thread, for several targets at once: it must be safe to call
// concurrently for different targets. It returns the target's outcome
// (state done, failed or cancelled, a message, steps_run; the scheduler
// fills target and duration; `skipped`, which only the scheduler gives, is
// read as done). It should poll the token between steps: stop_requested()
// means finish or roll back the current step and start no other (return
// cancelled, or done when nothing was left); cancel_requested() means give
// up now. To cut a running statement short it registers a
// std::stop_callback on token.cancel_token() (cancel_on_request() does it for
// each connection). An exception it throws becomes a failed outcome with
// the exception's message (passwords masked).
using WorkFunction = std::function<TargetOutcome(const inventory::TargetSpec&, const StopToken&)>;

struct RolloutOptions {
    // Keep going whatever fails: no failure threshold, no canary halt
    // (--continue-on-error).
    bool continue_on_error = false;
    // Catch SIGINT and SIGTERM while run() runs (a boost::asio::signal_set).
    // When run() returns both go back to the default action (Asio restores
    // SIG_DFL, not an earlier handler): a later Ctrl-C ends the process.
    // Off, only Scheduler::interrupt() stops the rollout: for tests and
    // embedders that handle signals themselves.
    bool catch_signals = true;
    // Told of every event; may be null. Not owned: it must outlive run().
    Progress* progress = nullptr;
};

// Runs a rollout: the plan's stages one after another, each wave's targets
// on a thread pool, at most wave.concurrency at once and at most
// wave.per_host on one host_key(). Failures are counted per stage; more
// than the stage's max_failures, or a failed canary, halts the rollout (as
// soon as the failing target ends: nothing new starts, running targets
// finish, the rest are skipped and their work is never called), unless
// continue_on_error. A first stop request (SIGINT, SIGTERM, interrupt())
// does the same and asks the work functions to stop after their current
// step; a second one requests a cancel (the stop_callbacks registered on
// the tokens' cancel_token() run then, on the scheduler's thread), and a
// target that ends failed after it is reported cancelled.
//
// Threading: one io_context thread (the one calling run()) does all the
// bookkeeping and calls Progress; work functions run on the pool.
class Scheduler {
  public:
    // targets in inventory order, plan from plan_rollout(targets).
    Scheduler(std::vector<inventory::TargetSpec> targets, RolloutPlan plan, WorkFunction work,
              RolloutOptions options);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Runs the rollout to its end and reports every target, in inventory
    // order. Call once. Never throws for what a target does; throws
    // std::logic_error when called twice, and std::bad_alloc.
    RolloutReport run();

    // The same as a SIGINT: the first call stops the rollout, a later one
    // cancels. Thread-safe; callable from a work function, and before run()
    // (the rollout then starts nothing). Never throws but std::bad_alloc.
    void interrupt();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// plan_rollout(targets), then a Scheduler's run(): the command line's call.
RolloutReport run_rollout(const std::vector<inventory::TargetSpec>& targets, WorkFunction work,
                          RolloutOptions options);

} // namespace fleet::orchestrator::rollout
