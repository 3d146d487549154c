#pragma once

#include <chrono>
#include <functional>

// Waiting for something busy (a lock another run holds, a table a reader
// holds): pauses that start short and double, so a quick release is seen
// quickly and a long one is not hammered.
namespace fleet::engine::util {

// The pauses of one wait: first, then twice that, and so on up to longest.
// Not thread-safe; one per wait.
class Backoff {
  public:
    // first > 0; longest >= first (longest defaults to no cap).
    explicit Backoff(std::chrono::milliseconds first,
                     std::chrono::milliseconds longest = std::chrono::milliseconds::max()) noexcept;
    // The pause to take now; the next call returns twice as much, never more
    // than longest. Never throws.
    std::chrono::milliseconds next() noexcept;

  private:
    std::chrono::milliseconds m_pause;
    std::chrono::milliseconds m_longest;
};

// Calls try_once until it returns true or timeout has passed, sleeping between
// attempts with a Backoff of 10 ms doubling up to 500 ms, never past the
// deadline. Always tries at least once; returns whether it succeeded.
// cancelled, when given, is asked before each pause: true gives up at once
// (returning false; the caller tells a cancel from a timeout by asking it
// again). Exceptions of try_once pass through.
bool poll_with_backoff(const std::function<bool()>& try_once, std::chrono::milliseconds timeout,
                       const std::function<bool()>& cancelled = {});

} // namespace fleet::engine::util
