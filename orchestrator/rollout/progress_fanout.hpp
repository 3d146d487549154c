#pragma once

#include "orchestrator/rollout/progress.hpp"

#include <vector>

namespace fleet::orchestrator::rollout {

// Hands every event to several observers in turn: the display, the
// notifications, the metrics file. One observer that throws never keeps the
// event from the others (the scheduler swallows only what reaches it, which
// would be the first failure). Observers are not owned and must outlive it.
class ProgressFanOut : public Progress {
  public:
    // Null observers are dropped.
    explicit ProgressFanOut(std::vector<Progress*> observers);

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
    template <typename Event> void each(Event&& event);

    std::vector<Progress*> m_observers;
};

} // namespace fleet::orchestrator::rollout
