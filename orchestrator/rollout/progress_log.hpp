#pragma once

#include "orchestrator/logging/log_record.hpp"
#include "orchestrator/rollout/progress.hpp"

#include <cstddef>
#include <functional>
#include <ostream>

namespace fleet::orchestrator::rollout {

// One line per event, for logs and CI (stderr that is not a terminal):
//   prod: batch 2 of 4, 10 targets
//   prod/t07: started
//   prod/t07: failed after 1.2s: <message>
//   rollout halted: 3 targets of prod failed, more than max_failures 2
// Lines carry no timestamp: log collectors add their own. Each event is a
// logging::LogRecord: its text is the line above, its fields the facts
// (state, steps, duration_ms, and an error's revision, statement, sqlstate,
// file and line), so the command line can log it as text or JSON.
class LogProgress : public Progress {
  public:
    using Emit = std::function<void(const logging::LogRecord&)>;
    // Each line written whole to out and flushed.
    explicit LogProgress(std::ostream& out);
    // Each record handed to emit (the command line's logger).
    explicit LogProgress(Emit emit) : m_emit(std::move(emit)) {}

    void rollout_started(const RolloutPlan& plan) override;
    void wave_started(const Stage& stage, std::size_t wave_index) override;
    void target_started(const inventory::TargetSpec& target) override;
    void target_finished(const inventory::TargetSpec& target,
                         const TargetOutcome& outcome) override;
    void target_skipped(const inventory::TargetSpec& target, const TargetOutcome& outcome) override;
    void halted(const std::string& reason) override;
    void interrupted(bool cancelling) override;
    void rollout_finished(const RolloutReport& report) override;

  private:
    void emit(logging::LogRecord record);

    Emit m_emit;
    std::size_t m_running = 0;
};

// The fields an outcome's log line carries: state, steps, duration_ms, and
// its error's facts when it has any. Never throws but std::bad_alloc.
logging::Fields outcome_fields(const TargetOutcome& outcome);

// "canary wave, 1 target" / "batch 2 of 4, 10 targets": how both
// implementations name a wave. Never throws but std::bad_alloc.
std::string describe_wave(const Stage& stage, std::size_t wave_index);

// "done in 1.2s (3 steps)", "failed after 0.3s: <message>", "cancelled
// after 2.0s: <message>", "skipped: <message>". Never throws but
// std::bad_alloc.
std::string describe_outcome(const TargetOutcome& outcome);

// "38 done, 1 failed, 1 skipped" (+ ", 2 cancelled" when any), then
// "; halted: <reason>" or "; interrupted". Never throws but std::bad_alloc.
std::string summarize(const RolloutReport& report);

} // namespace fleet::orchestrator::rollout
