#include "engine/util/backoff.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::util;
using namespace std::chrono_literals;

TEST_CASE("a backoff doubles its pause up to the longest") {
    Backoff backoff(10ms, 50ms);
    CHECK(backoff.next() == 10ms);
    CHECK(backoff.next() == 20ms);
    CHECK(backoff.next() == 40ms);
    CHECK(backoff.next() == 50ms);
    CHECK(backoff.next() == 50ms);
}

TEST_CASE("an uncapped backoff stops at the largest duration instead of overflowing") {
    Backoff backoff(std::chrono::milliseconds::max() / 2 + 1ms);
    backoff.next();
    CHECK(backoff.next() == std::chrono::milliseconds::max());
    CHECK(backoff.next() == std::chrono::milliseconds::max());
}

TEST_CASE("poll_with_backoff tries at least once and gives up at the deadline") {
    using Clock = std::chrono::steady_clock;
    int calls = 0;
    CHECK_FALSE(poll_with_backoff([&] { return ++calls, false; }, 0ms));
    CHECK(calls == 1);
    calls = 0;
    auto started = Clock::now();
    CHECK_FALSE(poll_with_backoff([&] { return ++calls, false; }, 100ms));
    CHECK(Clock::now() - started >= 100ms);
    CHECK(calls >= 3);
    CHECK(calls <= 10); // backoff, not a busy loop
    calls = 0;
    CHECK(poll_with_backoff([&] { return ++calls == 3; }, 1h));
    CHECK(calls == 3);
}

TEST_CASE("poll_with_backoff gives up at once when cancelled") {
    int calls = 0;
    CHECK_FALSE(poll_with_backoff([&] { return ++calls, false; }, 1h, [] { return true; }));
    CHECK(calls == 1);
}
