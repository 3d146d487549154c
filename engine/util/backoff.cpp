#include "engine/util/backoff.hpp"

#include <algorithm>
#include <thread>

namespace fleet::engine::util {

namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds k_first_poll{10};
constexpr milliseconds k_longest_poll{500};
} // namespace

Backoff::Backoff(milliseconds first, milliseconds longest) noexcept
    : m_pause(std::min(first, longest)), m_longest(longest) {}

milliseconds Backoff::next() noexcept {
    const milliseconds now = m_pause;
    // Doubling past half the cap would overflow an uncapped pause.
    m_pause = m_pause > m_longest / 2 ? m_longest : m_pause * 2;
    return now;
}

bool poll_with_backoff(const std::function<bool()>& try_once, milliseconds timeout,
                       const std::function<bool()>& cancelled) {
    const auto deadline = Clock::now() + timeout;
    Backoff backoff(k_first_poll, k_longest_poll);
    while (true) {
        if (try_once()) return true;
        if (cancelled && cancelled()) return false;
        const auto now = Clock::now();
        if (now >= deadline) return false;
        auto left = std::chrono::duration_cast<milliseconds>(deadline - now);
        std::this_thread::sleep_for(std::max(milliseconds(1), std::min(backoff.next(), left)));
    }
}

} // namespace fleet::engine::util
