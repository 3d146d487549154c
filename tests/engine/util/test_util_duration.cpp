#include "engine/util/duration.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::util;
using namespace std::chrono_literals;

TEST_CASE("parse_duration reads the inventory's units and plain seconds") {
    CHECK(parse_duration("500ms") == 500ms);
    CHECK(parse_duration("5s") == 5s);
    CHECK(parse_duration("2m") == 2min);
    CHECK(parse_duration("1h") == 1h);
    CHECK(parse_duration("30") == 30s);
    CHECK(parse_duration("0") == 0ms);
    CHECK(parse_duration("0s") == 0ms);
    SUBCASE("fractions round to the millisecond") {
        CHECK(parse_duration("1.5") == 1500ms);
        CHECK(parse_duration("0.25s") == 250ms);
        CHECK(parse_duration("1.5m") == 90s);
        CHECK(parse_duration("0.0004s") == 0ms);
    }
    SUBCASE("anything else is refused") {
        for (const char* text : {"", "s", "5x", "5 s", " 5s", "-1s", "1.2.3s", "5sec", "1m30s",
                                 "5S", "5d", "1e3", "99999999999h", "."}) {
            CHECK_MESSAGE(!parse_duration(text), text);
        }
    }
}

TEST_CASE("format_duration writes the largest whole unit, which reads back") {
    CHECK(format_duration(0ms) == "0s");
    CHECK(format_duration(300ms) == "300ms");
    CHECK(format_duration(1500ms) == "1500ms");
    CHECK(format_duration(5s) == "5s");
    CHECK(format_duration(90s) == "90s");
    CHECK(format_duration(2min) == "2m");
    CHECK(format_duration(1h) == "1h");
    CHECK(format_duration(-5ms) == "0s");
    for (std::chrono::milliseconds duration :
         {0ms, 1ms, 999ms, 1001ms, 59'000ms, 61'000ms, 3'599'000ms, 90'000'000ms}) {
        CAPTURE(duration.count());
        CHECK(parse_duration(format_duration(duration)) == duration);
    }
}

TEST_CASE("human_duration is short and rounded, for people") {
    CHECK(human_duration(0ms) == "0ms");
    CHECK(human_duration(340ms) == "340ms");
    CHECK(human_duration(1000ms) == "1.0s");
    CHECK(human_duration(12'345ms) == "12.3s");
    CHECK(human_duration(245'000ms) == "4m05s");
    CHECK(human_duration(3'720'000ms) == "1h02m");
    CHECK(human_duration(-5ms) == "0ms");
}
