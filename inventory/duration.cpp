#include "inventory/duration.hpp"

#include <charconv>
#include <cmath>

namespace fleet::inventory {

namespace {
// Bounds what a typo like "5000000h" can ask for; 1e12 ms is about 31 years.
constexpr double k_max_milliseconds = 1e12;
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
        factor = 1000;
    else if (unit == "ms")
        factor = 1;
    else if (unit == "m")
        factor = 60'000;
    else if (unit == "h")
        factor = 3'600'000;
    else
        return std::nullopt;

    double milliseconds = number * factor;
    if (!std::isfinite(milliseconds) || milliseconds > k_max_milliseconds) return std::nullopt;
    return std::chrono::milliseconds(std::llround(milliseconds));
}

std::string format_duration(std::chrono::milliseconds duration) {
    auto count = duration.count();
    if (count == 0) return "0s";
    if (count % 3'600'000 == 0) return std::to_string(count / 3'600'000) + "h";
    if (count % 60'000 == 0) return std::to_string(count / 60'000) + "m";
    if (count % 1000 == 0) return std::to_string(count / 1000) + "s";
    return std::to_string(count) + "ms";
}

} // namespace fleet::inventory
