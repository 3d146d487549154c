#include "orchestrator/rollout/progress_terminal.hpp"

#include "orchestrator/rollout/progress_log.hpp"

#include <fmt/format.h>

namespace fleet::orchestrator::rollout {

namespace {
// Erases from the cursor to the end of the line (ANSI EL).
constexpr const char* k_clear_line = "\x1b[K";
} // namespace

std::string TerminalProgress::line() const {
    std::string text = fmt::format("[fleet] {}/{} targets", m_ended, m_total);
    if (m_failed > 0) text += fmt::format(", {} failed", m_failed);
    text += fmt::format(", {} running", m_running);
    text += eta_text(m_now() - m_begin, m_ended, m_total);
    if (!m_wave.empty()) text += " (" + m_wave + ")";
    return text;
}

void TerminalProgress::redraw() {
    m_out << '\r' << line() << k_clear_line << std::flush;
    m_drawn = true;
}

void TerminalProgress::print_above(const std::string& text) {
    if (m_drawn) m_out << '\r' << k_clear_line;
    m_out << text << '\n';
    redraw();
}

void TerminalProgress::print_log(const std::string& text) {
    std::lock_guard lock(m_mutex);
    // Before the first draw or after the last there is no live line to keep.
    if (!m_drawn) {
        m_out << text << '\n' << std::flush;
        return;
    }
    print_above(text);
}

void TerminalProgress::rollout_started(const RolloutPlan& plan) {
    std::lock_guard lock(m_mutex);
    m_total = plan.target_count();
    m_begin = m_now();
    redraw();
}

void TerminalProgress::wave_started(const Stage& stage, std::size_t wave_index) {
    std::lock_guard lock(m_mutex);
    m_wave = stage.environment + ": " + describe_wave(stage, wave_index);
    redraw();
}

void TerminalProgress::target_started(const inventory::TargetSpec&) {
    std::lock_guard lock(m_mutex);
    ++m_running;
    redraw();
}

void TerminalProgress::target_finished(const inventory::TargetSpec& target,
                                       const TargetOutcome& outcome) {
    std::lock_guard lock(m_mutex);
    if (m_running > 0) --m_running;
    ++m_ended;
    if (outcome.state == TargetState::done) {
        redraw();
        return;
    }
    if (outcome.state == TargetState::failed) ++m_failed;
    print_above(target.full_name() + ": " + describe_outcome(outcome));
}

void TerminalProgress::halted(const std::string& reason) {
    std::lock_guard lock(m_mutex);
    print_above("rollout halted: " + reason);
}

void TerminalProgress::interrupted(bool cancelling) {
    std::lock_guard lock(m_mutex);
    print_above(cancelling ? "interrupted again: cancelling the running statements"
                           : "interrupted: starting nothing new (interrupt again to cancel the "
                             "running targets)");
}

void TerminalProgress::rollout_finished(const RolloutReport& report) {
    std::lock_guard lock(m_mutex);
    redraw();
    m_out << '\n' << "rollout finished: " << summarize(report) << '\n' << std::flush;
    m_drawn = false;
}

} // namespace fleet::orchestrator::rollout
