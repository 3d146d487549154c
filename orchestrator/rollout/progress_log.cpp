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

LogProgress::LogProgress(std::ostream& out)
    : m_emit([&out](const logging::LogRecord& record) {
          out << record.text << '\n' << std::flush;
      }) {}

void LogProgress::emit(logging::LogRecord record) {
    // The text form: "TARGET: message", or the message alone.
    record.text = record.target.empty() ? record.message : record.target + ": " + record.message;
    m_emit(record);
}

logging::Fields outcome_fields(const TargetOutcome& outcome) {
    logging::Fields fields{{"state", std::string(to_string(outcome.state))},
                           {"steps", std::int64_t{outcome.steps_run}},
                           {"duration_ms", std::int64_t{outcome.duration.count()}}};
    const auto& error = outcome.error;
    if (!error.kind.empty()) fields.emplace_back("error", error.kind);
    if (!error.revision.empty()) fields.emplace_back("revision", error.revision);
    if (!error.statement.empty()) fields.emplace_back("statement", error.statement);
    if (!error.sqlstate.empty()) fields.emplace_back("sqlstate", error.sqlstate);
    if (!error.file.empty()) fields.emplace_back("file", error.file);
    if (error.line > 0) fields.emplace_back("line", std::int64_t{error.line});
    return fields;
}

void LogProgress::rollout_started(const RolloutPlan& plan) {
    emit({.event = "rollout_started",
          .message = fmt::format("rollout: {} target{} in {} environment{}", plan.target_count(),
                                 plan.target_count() == 1 ? "" : "s", plan.stages.size(),
                                 plan.stages.size() == 1 ? "" : "s"),
          .fields = {{"targets", static_cast<std::int64_t>(plan.target_count())},
                     {"environments", static_cast<std::int64_t>(plan.stages.size())}}});
}

void LogProgress::wave_started(const Stage& stage, std::size_t wave_index) {
    emit({.event = "wave_started",
          .message = stage.environment + ": " + describe_wave(stage, wave_index),
          .fields = {
              {"environment", stage.environment},
              {"targets", static_cast<std::int64_t>(stage.waves.at(wave_index).targets.size())}}});
}

void LogProgress::target_started(const inventory::TargetSpec& target) {
    ++m_running;
    emit({.event = "target_started", .target = target.full_name(), .message = "started"});
}

void LogProgress::target_finished(const inventory::TargetSpec& target,
                                  const TargetOutcome& outcome) {
    if (m_running > 0) --m_running;
    emit(
        {.level = outcome.state == TargetState::done ? logging::Level::info : logging::Level::error,
         .event = "target_finished",
         .target = target.full_name(),
         .message = describe_outcome(outcome),
         .fields = outcome_fields(outcome)});
}

void LogProgress::target_skipped(const inventory::TargetSpec& target,
                                 const TargetOutcome& outcome) {
    emit({.event = "target_skipped",
          .target = target.full_name(),
          .message = describe_outcome(outcome),
          .fields = outcome_fields(outcome)});
}

void LogProgress::halted(const std::string& reason) {
    emit({.level = logging::Level::error,
          .event = "rollout_halted",
          .message = fmt::format("rollout halted: {}; waiting for {} running target{}", reason,
                                 m_running, m_running == 1 ? "" : "s"),
          .fields = {{"reason", reason}, {"running", static_cast<std::int64_t>(m_running)}}});
}

void LogProgress::interrupted(bool cancelling) {
    emit({.level = logging::Level::warn,
          .event = cancelling ? "cancelling" : "interrupted",
          .message = cancelling
                         ? std::string("interrupted again: cancelling the running statements")
                         : fmt::format("interrupted: starting nothing new, waiting for {} running "
                                       "target{} (interrupt again to cancel them)",
                                       m_running, m_running == 1 ? "" : "s"),
          .fields = {{"running", static_cast<std::int64_t>(m_running)}}});
}

void LogProgress::rollout_finished(const RolloutReport& report) {
    emit({.event = "rollout_finished",
          .message = "rollout finished: " + summarize(report),
          .fields = {{"done", static_cast<std::int64_t>(report.count(TargetState::done))},
                     {"failed", static_cast<std::int64_t>(report.count(TargetState::failed))},
                     {"skipped", static_cast<std::int64_t>(report.count(TargetState::skipped))},
                     {"cancelled", static_cast<std::int64_t>(report.count(TargetState::cancelled))},
                     {"halted", std::int64_t{report.halted}},
                     {"interrupted", std::int64_t{report.interrupted}}}});
}

} // namespace fleet::orchestrator::rollout
