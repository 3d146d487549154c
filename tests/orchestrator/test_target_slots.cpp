#include "orchestrator/rollout/target_slots.hpp"

#include <doctest/doctest.h>

using fleet::orchestrator::rollout::TargetSlots;

TEST_CASE("a target fits while fewer than concurrency run and fewer than per_host on its server") {
    // Targets 0-2 on server a, 3 on server b.
    TargetSlots slots({"a", "a", "a", "b"});
    CHECK(slots.fits(0, 3, 2));
    slots.take(0);
    slots.take(1);
    CHECK(slots.running() == 2);
    CHECK_FALSE(slots.fits(2, 3, 2)); // server a is full
    CHECK(slots.fits(3, 3, 2));       // server b is not
    slots.take(3);
    CHECK_FALSE(slots.fits(2, 3, 5)); // three run: concurrency is full
    slots.give_back(0);
    CHECK(slots.fits(2, 3, 2));
    CHECK(slots.running() == 2);
}
