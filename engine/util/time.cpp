#include "engine/util/time.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace fleet::engine::util {

namespace {
// floor, not time_point_cast: a time before 1970 must not round up a second.
std::chrono::sys_seconds whole_seconds(std::chrono::system_clock::time_point when) {
    return std::chrono::floor<std::chrono::seconds>(when);
}
} // namespace

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", whole_seconds(when));
}

std::string utc_timestamp_ms(std::chrono::system_clock::time_point when) {
    const auto seconds = whole_seconds(when);
    const auto millis = std::chrono::floor<std::chrono::milliseconds>(when - seconds).count();
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", seconds, millis);
}

} // namespace fleet::engine::util
