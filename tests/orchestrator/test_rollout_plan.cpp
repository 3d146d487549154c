#include "orchestrator/rollout/rollout_plan.hpp"

#include "tests/orchestrator/rollout_testing.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <vector>

using namespace fleet::orchestrator::rollout;
using namespace fleet::orchestrator::rollout::testing;
using fleet::inventory::Amount;
using Sizes = std::vector<std::size_t>;

namespace {

Sizes wave_sizes(const Stage& stage) {
    Sizes sizes;
    for (const Wave& wave : stage.waves)
        sizes.push_back(wave.targets.size());
    return sizes;
}

} // namespace

TEST_CASE("batch sizes follow a count, the last batch taking what is left") {
    CHECK(batch_sizes(25, 25, {Amount::count(10)}) == Sizes{10, 10, 5});
    CHECK(batch_sizes(10, 10, {Amount::count(10)}) == Sizes{10});
    CHECK(batch_sizes(3, 3, {Amount::count(10)}) == Sizes{3});
    CHECK(batch_sizes(5, 5, {Amount::count(1)}) == Sizes{1, 1, 1, 1, 1});
    CHECK(batch_sizes(0, 0, {Amount::count(10)}).empty());
}

TEST_CASE("a batch percentage is of all the stage's targets, rounded up, at least 1") {
    CHECK(batch_sizes(20, 20, {Amount::percent(25)}) == Sizes{5, 5, 5, 5});
    CHECK(batch_sizes(10, 10, {Amount::percent(15)}) == Sizes{2, 2, 2, 2, 2});
    CHECK(batch_sizes(10, 10, {Amount::percent(1)}) == Sizes(10, 1));
    CHECK(batch_sizes(7, 7, {Amount::percent(100)}) == Sizes{7});
    SUBCASE("the canaries count in the total the percentage is of") {
        CHECK(batch_sizes(20, 19, {Amount::percent(50)}) == Sizes{10, 9});
    }
}

TEST_CASE("a batch list runs like Ansible's serial, repeating its last entry") {
    CHECK(batch_sizes(40, 40, {Amount::count(1), Amount::count(5), Amount::percent(25)}) ==
          Sizes{1, 5, 10, 10, 10, 4});
    CHECK(batch_sizes(4, 4, {Amount::count(1), Amount::count(5), Amount::percent(25)}) ==
          Sizes{1, 3});
    CHECK(batch_sizes(6, 6, {Amount::count(2), Amount::count(1)}) == Sizes{2, 1, 1, 1, 1});
    SUBCASE("an empty list is one batch of everything") {
        CHECK(batch_sizes(9, 9, {}) == Sizes{9});
    }
    SUBCASE("a zero that validation should have refused still places one target per batch") {
        CHECK(batch_sizes(3, 3, {Amount::count(0)}) == Sizes{1, 1, 1});
    }
}

TEST_CASE("the failure limit is a count, or a percentage of the targets rounded down") {
    CHECK(failure_limit(Amount::count(0), 100) == 0);
    CHECK(failure_limit(Amount::count(2), 5) == 2);
    CHECK(failure_limit(Amount::percent(5), 10) == 0);
    CHECK(failure_limit(Amount::percent(50), 10) == 5);
    CHECK(failure_limit(Amount::percent(10), 25) == 2);
    CHECK(failure_limit(Amount::percent(100), 7) == 7);
}

TEST_CASE("the canary targets run alone first, then the batches") {
    const auto targets = make_targets("prod", 25, rollout_settings(4, 2, 1, {Amount::count(10)}));
    const RolloutPlan plan = plan_rollout(targets);
    REQUIRE(plan.stages.size() == 1);
    const Stage& stage = plan.stages[0];
    CHECK(stage.environment == "prod");
    CHECK(stage.target_count == 25);
    CHECK(wave_sizes(stage) == Sizes{1, 10, 10, 4});
    CHECK(stage.waves[0].kind == WaveKind::canary);
    CHECK(stage.waves[0].concurrency == 1);
    CHECK(stage.waves[0].targets == std::vector<std::size_t>{0});
    CHECK(stage.waves[1].kind == WaveKind::batch);
    CHECK(stage.waves[1].concurrency == 4);
    CHECK(stage.waves[1].per_host == 2);
    CHECK(stage.waves[1].targets.front() == 1);
    CHECK(stage.waves[3].targets.back() == 24);
    CHECK(plan.target_count() == 25);
    CHECK(plan.max_concurrency() == 4);

    SUBCASE("several canaries form one wave that still runs one at a time") {
        const auto three = make_targets("prod", 8, rollout_settings(4, 2, 3, {Amount::count(10)}));
        const Stage only = plan_rollout(three).stages.at(0);
        CHECK(wave_sizes(only) == Sizes{3, 5});
        CHECK(only.waves[0].concurrency == 1);
        CHECK(only.waves[0].per_host == 1);
    }
    SUBCASE("no canary: batches from the first target") {
        const auto none = make_targets("prod", 5, rollout_settings(4, 2, 0, {Amount::count(2)}));
        const Stage only = plan_rollout(none).stages.at(0);
        CHECK(wave_sizes(only) == Sizes{2, 2, 1});
        CHECK(only.waves[0].kind == WaveKind::batch);
    }
    SUBCASE("more canaries than targets: every target is a canary") {
        const auto few = make_targets("prod", 2, rollout_settings(4, 2, 5, {Amount::count(10)}));
        const Stage only = plan_rollout(few).stages.at(0);
        CHECK(wave_sizes(only) == Sizes{2});
        CHECK(only.waves[0].kind == WaveKind::canary);
    }
}

TEST_CASE("every wave but a stage's first waits the pause before it starts") {
    auto settings = rollout_settings(4, 2, 1, {Amount::count(2)});
    settings.pause = std::chrono::milliseconds(1500);
    const Stage stage = plan_rollout(make_targets("prod", 5, settings)).stages.at(0);
    REQUIRE(stage.waves.size() == 3);
    CHECK(stage.waves[0].pause_before.count() == 0);
    CHECK(stage.waves[1].pause_before.count() == 1500);
    CHECK(stage.waves[2].pause_before.count() == 1500);
}

TEST_CASE("each environment is a stage with its own settings, canary and failure limit") {
    const auto targets =
        concat(make_targets("staging", 4,
                            rollout_settings(8, 8, 1, {Amount::count(10)}, Amount::count(1))),
               make_targets("production", 20,
                            rollout_settings(2, 1, 2, {Amount::percent(50)}, Amount::percent(10))));
    const RolloutPlan plan = plan_rollout(targets);
    REQUIRE(plan.stages.size() == 2);
    CHECK(plan.stages[0].environment == "staging");
    CHECK(wave_sizes(plan.stages[0]) == Sizes{1, 3});
    CHECK(plan.stages[0].max_failures == 1);
    CHECK(plan.stages[1].environment == "production");
    CHECK(wave_sizes(plan.stages[1]) == Sizes{2, 10, 8});
    CHECK(plan.stages[1].max_failures == 2);
    CHECK(plan.stages[1].waves[0].targets.front() == 4);
    CHECK(plan.stages[1].waves[1].concurrency == 2);
    CHECK(plan.max_concurrency() == 8);
    CHECK(plan.target_count() == 24);
}

TEST_CASE("a plan of no targets has no stages") {
    const RolloutPlan plan = plan_rollout({});
    CHECK(plan.stages.empty());
    CHECK(plan.target_count() == 0);
    CHECK(plan.max_concurrency() == 1);
}

TEST_CASE("per_host counts PostgreSQL servers; each SQLite file is a host of its own") {
    fleet::inventory::TargetSpec target;
    target.environment = "e";
    target.name = "a";
    target.url_text = "postgresql://app:secret@db1:5433/one";
    CHECK(host_key(target) == "db1:5433");
    target.url_text = "postgresql://app@db1:5433/two";
    CHECK(host_key(target) == "db1:5433");
    target.url_text = "postgres:///local";
    CHECK(host_key(target) == "localhost:5432");
    target.url_text = "sqlite:////var/db/a.db";
    CHECK(host_key(target) == "sqlite:/var/db/a.db");
    target.url_text = "sqlite:///:memory:";
    const std::string memory_a = host_key(target);
    target.name = "b";
    CHECK(host_key(target) != memory_a);
    SUBCASE("a URL that does not parse is a host of its own and shows no password") {
        target.url_text = "mysql://u:secret@x/y";
        CHECK(host_key(target).find("secret") == std::string::npos);
    }
}
