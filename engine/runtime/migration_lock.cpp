#include "engine/runtime/migration_lock.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <thread>

namespace fleet::engine::runtime {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds k_first_pause{10};
constexpr milliseconds k_longest_pause{500};

std::string holders_text(const std::vector<LockHolder>& holders) {
    if (holders.empty()) return "the holder could not be identified (it may just have released it)";
    std::string out = "held by ";
    for (std::size_t i = 0; i < holders.size(); ++i) {
        if (i > 0) out += "; and by ";
        out += describe(holders[i]);
    }
    return out;
}

} // namespace

std::string describe(const LockHolder& holder) {
    std::vector<std::string> details;
    if (!holder.application.empty()) details.push_back(fmt::format("application '{}'", holder.application));
    if (!holder.client.empty()) details.push_back("client " + holder.client);
    if (!holder.since.empty()) details.push_back("since " + holder.since);
    if (!holder.activity.empty()) details.push_back(holder.activity);
    std::string out = fmt::format("pid {}", holder.pid);
    if (!details.empty()) out += " (" + fmt::format("{}", fmt::join(details, ", ")) + ")";
    return out;
}

std::string format_duration(milliseconds duration) {
    auto ms = duration.count();
    if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
    if (ms > 1000) return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
    return fmt::format("{}ms", ms);
}

LockTimeout::LockTimeout(const std::string& lock, milliseconds waited, std::vector<LockHolder> holders)
    : DatabaseError(fmt::format("timed out after {} waiting for {}: {}", format_duration(waited), lock,
                                holders_text(holders))),
      m_holders(std::move(holders)) {}

bool poll_with_backoff(const std::function<bool()>& try_once, milliseconds timeout,
                       const std::function<bool()>& cancelled) {
    const auto deadline = Clock::now() + timeout;
    milliseconds pause = k_first_pause;
    while (true) {
        if (try_once()) return true;
        if (cancelled && cancelled()) return false;
        const auto now = Clock::now();
        if (now >= deadline) return false;
        auto left = std::chrono::duration_cast<milliseconds>(deadline - now);
        std::this_thread::sleep_for(std::max(milliseconds(1), std::min(pause, left)));
        pause = std::min(pause * 2, k_longest_pause);
    }
}

} // namespace fleet::engine::runtime
