#include "engine/runtime/lock_retry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace fleet::engine::runtime {

namespace {
// How often the backoff asks whether to stop: short enough that a Ctrl-C
// feels immediate, long enough to cost nothing.
constexpr std::chrono::milliseconds k_stop_poll{20};
} // namespace

LockRetry::LockRetry(int retries, std::chrono::milliseconds first_delay,
                     std::function<bool()> stop_requested)
    : m_retries(std::max(0, retries)), m_delay(first_delay),
      m_stop_requested(std::move(stop_requested)) {}

std::string LockRetry::exhausted_note() const {
    if (m_attempt == 0) return {};
    return fmt::format(" (still locked after {} {})", m_attempt,
                       m_attempt == 1 ? "retry" : "retries");
}

bool LockRetry::wait() {
    // stop_requested is a question, not a signal to wait on, so the pause is
    // cut into short naps that each ask it.
    const auto until = std::chrono::steady_clock::now() + m_delay;
    while (true) {
        if (m_stop_requested && m_stop_requested()) return false;
        const auto left = until - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero()) break;
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(left, k_stop_poll));
    }
    ++m_attempt;
    m_delay *= 2;
    return true;
}

} // namespace fleet::engine::runtime
