#include "engine/util/host.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <array>

TEST_CASE("host_name is the system's host name") {
    std::array<char, 256> expected{};
    REQUIRE(::gethostname(expected.data(), expected.size() - 1) == 0);
    CHECK(fleet::engine::util::host_name() == expected.data());
    CHECK_FALSE(fleet::engine::util::host_name().empty());
}
