#include "orchestrator/rollout/progress_log.hpp"

#include "engine/util/duration.hpp"

#include <fmt/format.h>

namespace fleet::orchestrator::rollout {

std::string describe_wave(const Stage& stage, std::size_t wave_index) {
    const Wave& wave = stage.waves.at(wave_index);
    const std::size_t n = wave.targets.size();
    const char* plural = n == 1 ? "" : "s";
    if (wave.kind == WaveKind::canary) return fmt::format("canary wave, {} target{}", n, plural);
    const bool has_canary = !stage.waves.empty() && stage.waves.front().kind == WaveKind::canary;
    const std::size_t batches = stage.waves.size() - (has_canary ? 1 : 0);
    const std::size_t number = wave_index + (has_canary ? 0 : 1);
    return fmt::format("batch {} of {}, {} target{}", number, batches, n, plural);
}

std::string describe_outcome(const TargetOutcome& outcome) {
    const std::string took = engine::util::human_duration(outcome.duration);
    switch (outcome.state) {
    case TargetState::done: {
        std::string text = fmt::format("done in {} ({} step{})", took, outcome.steps_run,
                                       outcome.steps_run == 1 ? "" : "s");
        if (!outcome.message.empty()) text += ": " + outcome.message;
        return text;
    }
    case TargetState::failed:
        return fmt::format("failed after {}: {}", took, outcome.message);
    case TargetState::cancelled:
        return fmt::format("cancelled after {}: {}", took, outcome.message);
    case TargetState::skipped:
        return fmt::format("skipped: {}", outcome.message);
    }
    return outcome.message;
}

std::string summarize(const RolloutReport& report) {
    std::string text =
        fmt::format("{} done, {} failed, {} skipped", report.count(TargetState::done),
                    report.count(TargetState::failed), report.count(TargetState::skipped));
    if (const auto cancelled = report.count(TargetState::cancelled); cancelled > 0) {
        text += fmt::format(", {} cancelled", cancelled);
    }
    if (report.halted) {
        text += "; halted: " + report.halt_reason;
    } else if (report.interrupted) {
        text += "; interrupted";
    }
    return text;
}

void LogProgress::rollout_started(const RolloutPlan& plan) {
    m_out << fmt::format("rollout: {} target{} in {} environment{}\n", plan.target_count(),
                         plan.target_count() == 1 ? "" : "s", plan.stages.size(),
                         plan.stages.size() == 1 ? "" : "s")
          << std::flush;
}

void LogProgress::wave_started(const Stage& stage, std::size_t wave_index) {
    m_out << stage.environment << ": " << describe_wave(stage, wave_index) << '\n' << std::flush;
}

void LogProgress::target_started(const inventory::Target& target) {
    ++m_running;
    m_out << target.full_name() << ": started\n" << std::flush;
}

void LogProgress::target_finished(const inventory::Target& target, const TargetOutcome& outcome) {
    if (m_running > 0) --m_running;
    m_out << target.full_name() << ": " << describe_outcome(outcome) << '\n' << std::flush;
}

void LogProgress::target_skipped(const inventory::Target& target, const TargetOutcome& outcome) {
    m_out << target.full_name() << ": " << describe_outcome(outcome) << '\n' << std::flush;
}

void LogProgress::halted(const std::string& reason) {
    m_out << "rollout halted: " << reason << "; waiting for " << m_running << " running target"
          << (m_running == 1 ? "" : "s") << '\n'
          << std::flush;
}

void LogProgress::interrupted(bool cancelling) {
    if (cancelling) {
        m_out << "interrupted again: cancelling the running statements\n" << std::flush;
    } else {
        m_out << "interrupted: starting nothing new, waiting for " << m_running << " running target"
              << (m_running == 1 ? "" : "s") << " (interrupt again to cancel them)\n"
              << std::flush;
    }
}

void LogProgress::rollout_finished(const RolloutReport& report) {
    m_out << "rollout finished: " << summarize(report) << '\n' << std::flush;
}

} // namespace fleet::orchestrator::rollout
