#include "engine/util/time.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::util;
using namespace std::chrono_literals;

TEST_CASE("timestamps are ISO 8601 in UTC, truncated, not rounded") {
    const std::chrono::sys_days day = std::chrono::year(2026) / 11 / 21;
    const std::chrono::system_clock::time_point when = day + 10h + 0min + 7s + 999ms;
    CHECK(utc_timestamp(when) == "2026-11-21T10:00:07Z");
    CHECK(utc_timestamp_ms(when) == "2026-11-21T10:00:07.999Z");
    CHECK(utc_timestamp_ms(day + 5ms) == "2026-11-21T00:00:00.005Z");
    CHECK(utc_timestamp().size() == 20);
    CHECK(utc_timestamp_ms().size() == 24);
}
