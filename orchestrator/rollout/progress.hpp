#pragma once

#include "inventory/target_spec.hpp"
#include "orchestrator/rollout/rollout_plan.hpp"
#include "orchestrator/rollout/rollout_report.hpp"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>

namespace fleet::orchestrator::rollout {

// What the scheduler tells the user while a rollout runs. Every method is
// called on the scheduler's one io_context thread, never two at once, so an
// implementation needs no locking; it must not block for long (it delays
// every target's bookkeeping). An exception thrown here is swallowed: a
// broken terminal never fails a rollout. Every method does nothing by
// default.
class Progress {
  public:
    virtual ~Progress() = default;

    // Before anything starts: the number of targets and the plan.
    virtual void rollout_started(const RolloutPlan& /*plan*/) {}
    // A wave (the canary wave, or a batch) is about to start its targets;
    // stage.waves[wave_index] is the wave.
    virtual void wave_started(const Stage& /*stage*/, std::size_t /*wave_index*/) {}
    virtual void target_started(const inventory::TargetSpec& /*target*/) {}
    // A started target ended: done, failed or cancelled.
    virtual void target_finished(const inventory::TargetSpec& /*target*/,
                                 const TargetOutcome& /*outcome*/) {}
    // A target that was never started, reported once the rollout ends.
    virtual void target_skipped(const inventory::TargetSpec& /*target*/,
                                const TargetOutcome& /*outcome*/) {}
    // The failure threshold was crossed: nothing new starts.
    virtual void halted(const std::string& /*reason*/) {}
    // A stop request arrived: the first (start nothing new) or, with
    // cancelling, a later one (running statements are being cancelled).
    virtual void interrupted(bool /*cancelling*/) {}
    // Everything has ended; the report is final.
    virtual void rollout_finished(const RolloutReport& /*report*/) {}
};

// ", ETA 4.2s": the time per ended item so far times the items still to go;
// empty before the first ends and after the last. Never throws but
// std::bad_alloc.
std::string eta_text(std::chrono::steady_clock::duration elapsed, std::size_t ended,
                     std::size_t total);

// Whether stderr is a terminal (isatty): the live line then, else log lines.
// Never throws.
bool stderr_is_terminal();

// A TerminalProgress on out when terminal, else a LogProgress on out: the
// command line's make_progress(std::cerr, stderr_is_terminal()). Never
// throws but std::bad_alloc.
std::unique_ptr<Progress> make_progress(std::ostream& out, bool terminal);

} // namespace fleet::orchestrator::rollout
