#pragma once

#include "orchestrator/logging/log.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

namespace fleet::orchestrator {

// The live line of a read-only command over many targets (status, audit,
// plan, lint), redrawn in place on a terminal as a rollout's is:
//   [fleet] status: 120/1000 targets read, 8 running, ETA 4.2s
// Log lines written meanwhile (a warning, a -v line) are printed whole
// above it, which is then drawn again. The line is erased when the reads
// end (destruction), before the command prints its report. Redraws are at
// most one per 100 ms but the last, so ten thousand fast targets do not
// flood the terminal. started()/finished() may be called from any thread.
class ReadProgress {
  public:
    using Clock = std::chrono::steady_clock;

    // what: the command's name ("status"); total: targets to read; now:
    // the clock, replaceable for tests.
    ReadProgress(std::ostream& out, std::string what, std::size_t total,
                 std::function<Clock::time_point()> now = &Clock::now);
    ~ReadProgress();
    ReadProgress(const ReadProgress&) = delete;
    ReadProgress& operator=(const ReadProgress&) = delete;

    void started();
    void finished();
    // A log line, printed whole above the live line.
    void print_log(const std::string& text);

    // The live line's text, without \r or clearing: for tests.
    std::string line() const;

  private:
    void redraw(bool force);

    mutable std::mutex m_mutex;
    std::ostream& m_out;
    std::string m_what;
    std::size_t m_total;
    std::function<Clock::time_point()> m_now;
    Clock::time_point m_begin;
    std::optional<Clock::time_point> m_last_draw;
    std::size_t m_ended = 0;
    std::size_t m_running = 0;
    bool m_drawn = false;
};

// A ReadProgress on stderr, routing the log's text lines above it, when the
// line helps: stderr is a terminal, the log format is text, and there are at
// least two targets. Otherwise none (null): a pipe or a log collector gets
// no redrawn line. Never throws but std::bad_alloc.
class ReadProgressOnTerminal {
  public:
    ReadProgressOnTerminal(std::string what, std::size_t total);
    ~ReadProgressOnTerminal();
    ReadProgressOnTerminal(const ReadProgressOnTerminal&) = delete;
    ReadProgressOnTerminal& operator=(const ReadProgressOnTerminal&) = delete;

    // The progress to hand to the reads; null when there is no line.
    ReadProgress* get() const { return m_progress.get(); }
    // Erases the line and stops routing the log through it (before the
    // report is printed). Safe to call twice.
    void end();

  private:
    std::unique_ptr<ReadProgress> m_progress;
    std::optional<logging::RouteThrough> m_route;
};

} // namespace fleet::orchestrator
