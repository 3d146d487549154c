#include "orchestrator/rollout/report_text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace fleet::orchestrator::rollout {

void write_report_text(const RolloutReport& report, bool verbose, std::ostream& out) {
    for (const auto& outcome : report.outcomes) {
        if (outcome.state == TargetState::done && !verbose) continue;
        out << fmt::format("{:<9} {}  {} step(s), {:.1f}s{}{}\n", to_string(outcome.state),
                           outcome.target, outcome.steps_run,
                           static_cast<double>(outcome.duration.count()) / 1000.0,
                           outcome.message.empty() ? "" : "\n    ", outcome.message);
    }
    out << fmt::format("{} target(s): {} done, {} failed, {} skipped, {} cancelled{}\n",
                       report.outcomes.size(), report.count(TargetState::done),
                       report.count(TargetState::failed), report.count(TargetState::skipped),
                       report.count(TargetState::cancelled),
                       report.halted        ? " — halted: " + report.halt_reason
                       : report.interrupted ? " — interrupted"
                                            : "");
}

} // namespace fleet::orchestrator::rollout
