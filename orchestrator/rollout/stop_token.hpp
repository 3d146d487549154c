#pragma once

#include <stop_token>

namespace fleet::orchestrator::rollout {

// What a per-target work function is handed: the rollout's two requests as
// C++20 stop tokens, one per std::stop_source the scheduler owns. Stop (the
// first signal) means finish the current step and start no other; cancel
// (the second) means give up now, and a cancel request always comes with a
// stop request. Poll them from any thread, or register a
// std::stop_callback on cancel_token() to cut a running statement short
// (Connection::cancel()): it runs on the thread requesting the cancel, and
// its destructor waits for a running call, so a statement is never
// cancelled on a closed connection. Cheap to copy.
class StopToken {
  public:
    // A token that is never stopped.
    StopToken() = default;
    StopToken(std::stop_token stop, std::stop_token cancel)
        : m_stop(std::move(stop)), m_cancel(std::move(cancel)) {}

    // True once a stop (or a cancel) was requested. Never throws.
    bool stop_requested() const noexcept { return m_stop.stop_requested(); }
    // True once a cancel was requested. Never throws.
    bool cancel_requested() const noexcept { return m_cancel.stop_requested(); }
    // The std::stop_tokens themselves, for a std::stop_callback or a
    // std::condition_variable_any wait.
    const std::stop_token& stop_token() const noexcept { return m_stop; }
    const std::stop_token& cancel_token() const noexcept { return m_cancel; }

  private:
    std::stop_token m_stop;
    std::stop_token m_cancel;
};

} // namespace fleet::orchestrator::rollout
