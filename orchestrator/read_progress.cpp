#include "orchestrator/read_progress.hpp"

#include "orchestrator/rollout/progress.hpp"

#include <fmt/format.h>
#include <iostream>

namespace fleet::orchestrator {

namespace {
// Erases from the cursor to the end of the line (ANSI EL).
constexpr const char* k_clear_line = "\x1b[K";
constexpr auto k_redraw_every = std::chrono::milliseconds(100);
} // namespace

ReadProgress::ReadProgress(std::ostream& out, std::string what, std::size_t total,
                           std::function<Clock::time_point()> now)
    : m_out(out), m_what(std::move(what)), m_total(total), m_now(std::move(now)), m_begin(m_now()) {
}

ReadProgress::~ReadProgress() {
    std::lock_guard lock(m_mutex);
    try {
        if (m_drawn) m_out << '\r' << k_clear_line << std::flush;
    } catch (...) {
        // A closed terminal: nothing left to erase.
    }
}

std::string ReadProgress::line() const {
    std::string text = fmt::format("[fleet] {}: {}/{} targets read, {} running", m_what, m_ended,
                                   m_total, m_running);
    text += rollout::eta_text(m_now() - m_begin, m_ended, m_total);
    return text;
}

void ReadProgress::redraw(bool force) {
    const auto now = m_now();
    if (!force && m_last_draw && now - *m_last_draw < k_redraw_every) return;
    m_last_draw = now;
    m_out << '\r' << line() << k_clear_line << std::flush;
    m_drawn = true;
}

void ReadProgress::started() {
    std::lock_guard lock(m_mutex);
    ++m_running;
    redraw(!m_drawn);
}

void ReadProgress::finished() {
    std::lock_guard lock(m_mutex);
    if (m_running > 0) --m_running;
    ++m_ended;
    redraw(m_ended == m_total);
}

void ReadProgress::print_log(const std::string& text) {
    std::lock_guard lock(m_mutex);
    if (m_drawn) m_out << '\r' << k_clear_line;
    m_out << text << '\n';
    if (m_drawn) redraw(true);
    m_out << std::flush;
}

ReadProgressOnTerminal::ReadProgressOnTerminal(std::string what, std::size_t total) {
    if (total < 2 || logging::format() != logging::Format::text || !rollout::stderr_is_terminal())
        return;
    m_progress = std::make_unique<ReadProgress>(std::cerr, std::move(what), total);
    m_route.emplace(
        [progress = m_progress.get()](const std::string& text) { progress->print_log(text); });
}

ReadProgressOnTerminal::~ReadProgressOnTerminal() { end(); }

void ReadProgressOnTerminal::end() {
    m_route.reset();
    m_progress.reset();
}

} // namespace fleet::orchestrator
