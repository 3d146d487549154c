#pragma once

#include <atomic>
#include <chrono>

namespace fleet::orchestrator::notify {

// A flag one thread raises to end another's wait at once: a delivery polls
// fd() beside its socket or pipes, so giving up on a hanging receiver takes
// no timeout to notice. Once raised it stays raised (fd() stays readable).
class StopFlag {
  public:
    // Throws std::system_error when the kernel gives no eventfd.
    StopFlag();
    ~StopFlag();
    StopFlag(const StopFlag&) = delete;
    StopFlag& operator=(const StopFlag&) = delete;

    // Raises the flag; thread-safe, never throws.
    void raise() noexcept;
    // Whether raise() was called; thread-safe, never throws.
    bool raised() const noexcept { return m_raised.load(); }
    // Readable once raised: for poll().
    int fd() const noexcept { return m_fd; }
    // Waits pause, or less when the flag is (or gets) raised; returns whether
    // the whole pause passed unraised. Never throws.
    bool sleep_for(std::chrono::milliseconds pause) const noexcept;

  private:
    int m_fd = -1;
    std::atomic<bool> m_raised{false};
};

} // namespace fleet::orchestrator::notify
