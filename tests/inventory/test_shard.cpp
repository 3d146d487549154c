#include "inventory/shard.hpp"

#include "engine/error.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <map>
#include <optional>
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

namespace {

// An environment of exactly these variables.
Shard::Environment environment_of(std::map<std::string, std::string> variables) {
    return
        [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
            auto found = variables.find(name);
            if (found == variables.end()) return std::nullopt;
            return found->second;
        };
}

} // namespace

TEST_CASE("--shard auto reads a Kubernetes Indexed Job's index and FLEET_SHARD_TOTAL") {
    auto env = environment_of({{"JOB_COMPLETION_INDEX", "0"}, {"FLEET_SHARD_TOTAL", "4"}});
    CHECK(Shard::resolve("auto", env).to_string() == "0/4");
    env = environment_of({{"JOB_COMPLETION_INDEX", "3"}, {"FLEET_SHARD_TOTAL", "4"}});
    CHECK(Shard::resolve("auto", env).to_string() == "3/4");
}

TEST_CASE("--shard auto turns GitLab's CI_NODE_INDEX, which counts from 1, into K from 0") {
    for (int node = 1; node <= 3; ++node) {
        auto env =
            environment_of({{"CI_NODE_INDEX", std::to_string(node)}, {"CI_NODE_TOTAL", "3"}});
        CHECK(Shard::resolve("auto", env).to_string() == fmt::format("{}/3", node - 1));
    }
    SUBCASE("an Indexed Job's variables win over GitLab's when both are set") {
        auto env = environment_of({{"JOB_COMPLETION_INDEX", "1"},
                                   {"FLEET_SHARD_TOTAL", "2"},
                                   {"CI_NODE_INDEX", "5"},
                                   {"CI_NODE_TOTAL", "5"}});
        CHECK(Shard::resolve("auto", env).to_string() == "1/2");
    }
    SUBCASE("an empty variable counts as unset") {
        auto env = environment_of({{"JOB_COMPLETION_INDEX", ""},
                                   {"FLEET_SHARD_TOTAL", ""},
                                   {"CI_NODE_INDEX", "2"},
                                   {"CI_NODE_TOTAL", "2"}});
        CHECK(Shard::resolve("auto", env).to_string() == "1/2");
    }
}

TEST_CASE("--shard auto without the variables names the ones to set") {
    const char* expected = "--shard auto: set JOB_COMPLETION_INDEX (Kubernetes) or CI_NODE_INDEX "
                           "(GitLab), and FLEET_SHARD_TOTAL or CI_NODE_TOTAL";
    CHECK_THROWS_WITH_AS(Shard::resolve("auto", environment_of({})), expected, fleet::UsageError);
    // Kubernetes gives a pod its index but not the Job's completions.
    CHECK_THROWS_WITH_AS(Shard::resolve("auto", environment_of({{"JOB_COMPLETION_INDEX", "1"}})),
                         expected, fleet::UsageError);
    CHECK_THROWS_WITH_AS(Shard::resolve("auto", environment_of({{"CI_NODE_TOTAL", "3"}})), expected,
                         fleet::UsageError);
}

TEST_CASE("--shard auto refuses an index out of range or a value that is not a number") {
    CHECK_THROWS_WITH_AS(
        Shard::resolve("auto",
                       environment_of({{"JOB_COMPLETION_INDEX", "4"}, {"FLEET_SHARD_TOTAL", "4"}})),
        "--shard auto: JOB_COMPLETION_INDEX=4 is out of range for FLEET_SHARD_TOTAL=4 (0 to 3)",
        fleet::UsageError);
    CHECK_THROWS_WITH_AS(
        Shard::resolve("auto", environment_of({{"CI_NODE_INDEX", "0"}, {"CI_NODE_TOTAL", "3"}})),
        "--shard auto: CI_NODE_INDEX=0 is out of range for CI_NODE_TOTAL=3 (1 to 3)",
        fleet::UsageError);
    CHECK_THROWS_WITH_AS(
        Shard::resolve("auto",
                       environment_of({{"JOB_COMPLETION_INDEX", "0"}, {"FLEET_SHARD_TOTAL", "0"}})),
        "--shard auto: FLEET_SHARD_TOTAL is 0; it must be 1 or more", fleet::UsageError);
    CHECK_THROWS_WITH_AS(Shard::resolve("auto", environment_of({{"JOB_COMPLETION_INDEX", "two"},
                                                                {"FLEET_SHARD_TOTAL", "4"}})),
                         "--shard auto: JOB_COMPLETION_INDEX is 'two', not a whole number",
                         fleet::UsageError);
}

TEST_CASE("--shard K/N given outright ignores the environment") {
    auto env = environment_of({{"JOB_COMPLETION_INDEX", "0"}, {"FLEET_SHARD_TOTAL", "4"}});
    CHECK(Shard::resolve("2/3", env).to_string() == "2/3");
    CHECK_THROWS_AS(Shard::resolve("automatic", env), fleet::UsageError);
}
