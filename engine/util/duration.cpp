#include "engine/util/duration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace fleet::engine::util {

namespace {
// Bounds what a typo like "5000000h" can ask for; 1e12 ms is about 31 years.
constexpr double k_max_milliseconds = 1e12;
constexpr long long k_second = 1000;
constexpr long long k_minute = 60 * k_second;
constexpr long long k_hour = 60 * k_minute;
} // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() &&
           ((text[digits] >= '0' && text[digits] <= '9') || text[digits] == '.'))
        ++digits;
    if (digits == 0) return std::nullopt;
    double number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + digits, number);
    if (error != std::errc{} || end != text.data() + digits) return std::nullopt;

    std::string_view unit = text.substr(digits);
    double factor = 0;
    if (unit.empty() || unit == "s")
        factor = k_second;
    else if (unit == "ms")
        factor = 1;
    else if (unit == "m")
        factor = k_minute;
    else if (unit == "h")
        factor = k_hour;
    else
        return std::nullopt;

    double milliseconds = number * factor;
    if (!std::isfinite(milliseconds) || milliseconds > k_max_milliseconds) return std::nullopt;
    return std::chrono::milliseconds(std::llround(milliseconds));
}

std::string format_duration(std::chrono::milliseconds duration) {
    const long long ms = std::max<long long>(duration.count(), 0);
    if (ms == 0) return "0s";
    if (ms % k_hour == 0) return fmt::format("{}h", ms / k_hour);
    if (ms % k_minute == 0) return fmt::format("{}m", ms / k_minute);
    if (ms % k_second == 0) return fmt::format("{}s", ms / k_second);
    return fmt::format("{}ms", ms);
}

std::string human_duration(std::chrono::milliseconds duration) {
    const long long ms = std::max<long long>(duration.count(), 0);
    if (ms < k_second) return fmt::format("{}ms", ms);
    if (ms < k_minute) return fmt::format("{:.1f}s", static_cast<double>(ms) / k_second);
    const long long s = ms / k_second;
    if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
    return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

} // namespace fleet::engine::util
