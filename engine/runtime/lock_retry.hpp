#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace fleet::engine::runtime {

// The policy for running a unit of work again after its transaction hit a
// statement lock timeout: how many retries, the exponential backoff between
// them, and a wait that ends early when a stop is requested. One instance
// serves one unit; attempts are counted from 0 (the first run).
class LockRetry {
  public:
    // retries below 0 count as 0; stop_requested may be empty (never stops).
    LockRetry(int retries, std::chrono::milliseconds first_delay,
              std::function<bool()> stop_requested);

    // The attempt under way: 0 for the first run, 1 for the first retry.
    int attempt() const { return m_attempt; }
    int retries() const { return m_retries; }
    // No retry is left after the attempt under way.
    bool exhausted() const { return m_attempt >= m_retries; }
    // The pause before the next attempt.
    std::chrono::milliseconds delay() const { return m_delay; }
    // What the last allowed attempt's lock-timeout error adds to its message:
    // " (still locked after 3 retries)"; empty when no retry was made.
    std::string exhausted_note() const;
    // Waits delay() and moves to the next attempt, doubling the delay.
    // Returns false, at once, when a stop is requested during the wait: the
    // caller then stops instead of retrying.
    bool wait();

  private:
    int m_retries;
    std::chrono::milliseconds m_delay;
    std::function<bool()> m_stop_requested;
    int m_attempt = 0;
};

} // namespace fleet::engine::runtime
