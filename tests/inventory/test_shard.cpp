#include "inventory/shard.hpp"

#include "engine/error.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

using namespace fleet::inventory;

TEST_CASE("a shard is written K/N with K counting from 0, like JOB_COMPLETION_INDEX") {
    Shard shard = Shard::parse("2/3");
    CHECK(shard.index == 2);
    CHECK(shard.count == 3);
    CHECK(shard.to_string() == "2/3");
    CHECK(Shard::parse("0/1").count == 1);

    for (const char* text :
         {"3/3", "1/0", "0/0", "-1/3", "1", "1/", "/3", "a/b", "1/3/5", "1 /3", ""}) {
        CAPTURE(text);
        const std::string expected = fmt::format(
            "--shard '{}' must be K/N with 0 <= K < N: K counts from 0, like JOB_COMPLETION_INDEX "
            "(--shard 0/3, 1/3, 2/3)",
            text);
        CHECK_THROWS_WITH_AS(Shard::parse(text), expected.c_str(), fleet::UsageError);
    }
}

TEST_CASE("the shard hash is 64-bit FNV-1a, the same on every machine and version") {
    CHECK(stable_hash("") == 0xcbf29ce484222325ull);
    CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cull);
    CHECK(stable_hash("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("every name falls in exactly one of N shards, and the shards share the work") {
    std::vector<std::string> names;
    for (int i = 0; i < 1000; ++i)
        names.push_back(fmt::format("production/tenant-{}", i));
    for (int count : {1, 2, 3, 7, 16}) {
        CAPTURE(count);
        std::vector<int> sizes(count, 0);
        for (const std::string& name : names) {
            int owners = 0;
            for (int index = 0; index < count; ++index)
                if (Shard{index, count}.contains(name)) {
                    ++owners;
                    ++sizes[index];
                }
            CHECK(owners == 1);
        }
        // Balanced only statistically: every slice within half of its fair share.
        for (int size : sizes)
            CHECK(size > 1000 / count / 2);
    }
}
