#include "orchestrator/rollout/rollout_report.hpp"

#include "engine/error.hpp"

#include <algorithm>

namespace fleet::orchestrator::rollout {

std::string_view to_string(TargetState state) {
    switch (state) {
    case TargetState::done:
        return "done";
    case TargetState::failed:
        return "failed";
    case TargetState::skipped:
        return "skipped";
    case TargetState::cancelled:
        return "cancelled";
    }
    return "unknown";
}

std::size_t RolloutReport::count(TargetState state) const {
    return static_cast<std::size_t>(
        std::count_if(outcomes.begin(), outcomes.end(),
                      [&](const TargetOutcome& o) { return o.state == state; }));
}

ExitCode RolloutReport::exit_code() const {
    if (halted) return ExitCode::halted;
    if (interrupted) return ExitCode::failed;
    const bool all_done = std::all_of(outcomes.begin(), outcomes.end(), [](const TargetOutcome& o) {
        return o.state == TargetState::done;
    });
    return all_done ? ExitCode::ok : ExitCode::failed;
}

} // namespace fleet::orchestrator::rollout
