#pragma once

#include "orchestrator/rollout/progress.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>

namespace fleet::orchestrator::rollout {

// The live line for a terminal, redrawn in place with \r:
//   [fleet] 12/40 targets, 1 failed, 3 running, ETA 42.0s (prod: batch 2 of 4, 10 targets)
// done/total counts every target that ended (done, failed, cancelled); the
// ETA is the time per ended target so far times the targets still to go.
// Failures, halts and interruptions also get a line of their own above the
// live line, so they stay on screen, and so do log lines (print_log), which
// may come from any thread. Use only when the stream is a terminal
// (make_progress() decides).
class TerminalProgress : public Progress {
  public:
    using Clock = std::chrono::steady_clock;

    // now: the clock, replaceable for tests.
    explicit TerminalProgress(std::ostream& out,
                              std::function<Clock::time_point()> now = &Clock::now)
        : m_out(out), m_now(std::move(now)) {}

    void rollout_started(const RolloutPlan& plan) override;
    void wave_started(const Stage& stage, std::size_t wave_index) override;
    void target_started(const inventory::TargetSpec& target) override;
    void target_finished(const inventory::TargetSpec& target,
                         const TargetOutcome& outcome) override;
    void halted(const std::string& reason) override;
    void interrupted(bool cancelling) override;
    void rollout_finished(const RolloutReport& report) override;

    // A log line (a target's -v statement) printed whole above the live
    // line, which is then drawn again: the only method that may be called
    // from any thread, at any time. Never throws but what the stream throws.
    void print_log(const std::string& text);

    // The live line's text, without \r or clearing: for tests. Never throws
    // but std::bad_alloc.
    std::string line() const;

  private:
    void redraw();
    void print_above(const std::string& text);

    // Held by every public method: print_log comes from the worker threads
    // while the scheduler's thread redraws.
    std::mutex m_mutex;
    std::ostream& m_out;
    std::function<Clock::time_point()> m_now;
    Clock::time_point m_begin{};
    std::size_t m_total = 0;
    std::size_t m_ended = 0;
    std::size_t m_failed = 0;
    std::size_t m_running = 0;
    bool m_drawn = false;
    std::string m_wave; // "prod: batch 2 of 4, 10 targets"; empty before the first wave
};

} // namespace fleet::orchestrator::rollout
