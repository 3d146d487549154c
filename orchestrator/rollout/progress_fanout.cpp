#include "orchestrator/rollout/progress_fanout.hpp"

#include <algorithm>

namespace fleet::orchestrator::rollout {

ProgressFanOut::ProgressFanOut(std::vector<Progress*> observers)
    : m_observers(std::move(observers)) {
    std::erase(m_observers, nullptr);
}

template <typename Event> void ProgressFanOut::each(Event&& event) {
    for (auto* observer : m_observers) {
        try {
            event(*observer);
        } catch (...) {
            // An observer's failure is its own (Progress's contract: never
            // fails a rollout); the next observer still hears the event.
        }
    }
}

void ProgressFanOut::rollout_started(const RolloutPlan& plan) {
    each([&](Progress& p) { p.rollout_started(plan); });
}
void ProgressFanOut::wave_started(const Stage& stage, std::size_t wave_index) {
    each([&](Progress& p) { p.wave_started(stage, wave_index); });
}
void ProgressFanOut::target_started(const inventory::TargetSpec& target) {
    each([&](Progress& p) { p.target_started(target); });
}
void ProgressFanOut::target_finished(const inventory::TargetSpec& target,
                                     const TargetOutcome& outcome) {
    each([&](Progress& p) { p.target_finished(target, outcome); });
}
void ProgressFanOut::target_skipped(const inventory::TargetSpec& target,
                                    const TargetOutcome& outcome) {
    each([&](Progress& p) { p.target_skipped(target, outcome); });
}
void ProgressFanOut::halted(const std::string& reason) {
    each([&](Progress& p) { p.halted(reason); });
}
void ProgressFanOut::interrupted(bool cancelling) {
    each([&](Progress& p) { p.interrupted(cancelling); });
}
void ProgressFanOut::rollout_finished(const RolloutReport& report) {
    each([&](Progress& p) { p.rollout_finished(report); });
}

} // namespace fleet::orchestrator::rollout
