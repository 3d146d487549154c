#include "inventory/selection.hpp"

#include "engine/error.hpp"
#include "tests/inventory/inventory_test_support.hpp"

#include <doctest/doctest.h>

using namespace fleet::inventory;
using namespace fleet::inventory::testing;

namespace {

const std::string k_fleet = R"(environments:
  dev:
    databases:
      - {name: core, url: "sqlite:///dev/core.db"}
      - {name: reports, url: "sqlite:///dev/reports.db"}
  staging:
    databases:
      - {name: core, url: "postgresql://app@staging/core"}
      - {name: "tenant-{t}", url: "postgresql://app@staging/{t}", for_each: {t: [acme, globex]}}
  production:
    databases:
      - {name: core, url: "postgresql://app@prod/core"}
      - {name: "tenant-{t}", url: "postgresql://app@prod/{t}", for_each: {t: [acme, globex, initech]}}
      - {name: staging, url: "postgresql://app@prod/staging_mirror"}
)";

std::vector<std::string> selected(const Inventory& inventory, SelectOptions options) {
    return full_names(select(inventory, options).targets);
}

#define CHECK_USAGE_ERROR(expression, expected)                                                    \
    do {                                                                                           \
        const std::string expected_message = (expected);                                           \
        CHECK_THROWS_WITH_AS(expression, expected_message.c_str(), fleet::UsageError);             \
    } while (false)

} // namespace

TEST_CASE("selection chooses targets by environment, name and glob") {
    InventoryFiles files;
    Inventory inventory = files.load(k_fleet);

    SUBCASE("no selector chooses every target in inventory order") {
        Selection all = select(inventory, {});
        CHECK(all.targets.size() == 10);
        CHECK(full_names(all.targets) == full_names(inventory.targets()));
        CHECK(all.environments == std::vector<std::string>{"dev", "staging", "production"});
        CHECK(all.named_environments.empty());
    }
    SUBCASE("--env chooses environments, globs allowed, several add up") {
        CHECK(selected(inventory, {{"dev"}, {}, {}}) ==
              std::vector<std::string>{"dev/core", "dev/reports"});
        CHECK(selected(inventory, {{"production", "dev"}, {}, {}}) ==
              std::vector<std::string>{"dev/core", "dev/reports", "production/core",
                                       "production/tenant-acme", "production/tenant-globex",
                                       "production/tenant-initech", "production/staging"});
        CHECK(selected(inventory, {{"*d*"}, {}, {}}).size() == 7);
    }
    SUBCASE("-n ENV chooses an environment") {
        CHECK(selected(inventory, {{}, {"dev"}, {}}) ==
              std::vector<std::string>{"dev/core", "dev/reports"});
    }
    SUBCASE("-n DATABASE chooses that database in every environment") {
        CHECK(selected(inventory, {{}, {"core"}, {}}) ==
              std::vector<std::string>{"dev/core", "staging/core", "production/core"});
        CHECK(selected(inventory, {{}, {"tenant-*"}, {}}).size() == 5);
    }
    SUBCASE("-n that names an environment means the environment, not a database") {
        CHECK(selected(inventory, {{}, {"staging"}, {}}) ==
              std::vector<std::string>{"staging/core", "staging/tenant-acme",
                                       "staging/tenant-globex"});
        CHECK(selected(inventory, {{}, {"production/staging"}, {}}) ==
              std::vector<std::string>{"production/staging"});
    }
    SUBCASE("-n ENV/DATABASE with globs in either part") {
        CHECK(selected(inventory, {{}, {"production/tenant-*"}, {}}) ==
              std::vector<std::string>{"production/tenant-acme", "production/tenant-globex",
                                       "production/tenant-initech"});
        CHECK(selected(inventory, {{}, {"*/tenant-acme"}, {}}) ==
              std::vector<std::string>{"staging/tenant-acme", "production/tenant-acme"});
        CHECK(selected(inventory, {{}, {"st*/[ct]*"}, {}}).size() == 3);
    }
    SUBCASE("several -n add up and keep inventory order") {
        CHECK(selected(inventory, {{}, {"production/core", "dev/reports", "dev/reports"}, {}}) ==
              std::vector<std::string>{"dev/reports", "production/core"});
    }
    SUBCASE("--env and -n together keep what both choose") {
        CHECK(selected(inventory, {{"staging"}, {"core"}, {}}) ==
              std::vector<std::string>{"staging/core"});
        CHECK(selected(inventory, {{"staging", "production"}, {"tenant-acme"}, {}}) ==
              std::vector<std::string>{"staging/tenant-acme", "production/tenant-acme"});
    }
}

TEST_CASE("a selector that matches nothing is a usage error listing the environments") {
    InventoryFiles files;
    Inventory inventory = files.load(k_fleet);
    CHECK_USAGE_ERROR(select(inventory, {{"prod"}, {}, {}}),
                      "--env 'prod' matches no environment; the inventory has: dev, staging, "
                      "production");
    CHECK_USAGE_ERROR(select(inventory, {{}, {"billing"}, {}}),
                      "-n 'billing' matches no environment and no database; the inventory has "
                      "the environments: dev, staging, production");
    CHECK_USAGE_ERROR(select(inventory, {{}, {"prod/core"}, {}}),
                      "-n 'prod/core': no environment matches 'prod'; the inventory has: dev, "
                      "staging, production");
    CHECK_USAGE_ERROR(select(inventory, {{}, {"dev/tenant-*"}, {}}),
                      "-n 'dev/tenant-*': no database of environment 'dev' matches 'tenant-*'");
    CHECK_USAGE_ERROR(select(inventory, {{"dev"}, {"staging/core"}, {}}),
                      "no database is both in --env dev and chosen by -n staging/core");
}

TEST_CASE("a changing command refuses several environments unless they are named") {
    InventoryFiles files;
    Inventory inventory = files.load(k_fleet);
    auto problem = [&](SelectOptions options) {
        return unnamed_environments_error(select(inventory, options));
    };

    SUBCASE("no selector on a fleet of several environments is refused") {
        CHECK(problem({}) ==
              std::optional<std::string>(
                  "refusing to change databases in 3 environments (dev, staging, production) at "
                  "once without naming them: add --env dev --env staging --env production to "
                  "confirm, or choose fewer with --env or -n"));
    }
    SUBCASE("a database name spanning environments is refused, naming the ones left") {
        CHECK(problem({{"staging"}, {}, {}}) == std::nullopt);
        CHECK(problem({{}, {"core", "staging"}, {}}) ==
              std::optional<std::string>(
                  "refusing to change databases in 3 environments (dev, staging, production) at "
                  "once without naming them: add --env dev --env production to confirm, or "
                  "choose fewer with --env or -n"));
    }
    SUBCASE("environments named by --env, -n ENV or -n ENV/DATABASE may run together") {
        CHECK(problem({{"dev", "staging", "production"}, {}, {}}) == std::nullopt);
        CHECK(problem({{}, {"dev", "production"}, {}}) == std::nullopt);
        CHECK(problem({{}, {"staging/core", "production/tenant-*"}, {}}) == std::nullopt);
        CHECK(problem({{"dev", "staging", "production"}, {"core"}, {}}) == std::nullopt);
    }
    SUBCASE("a glob is not naming") {
        CHECK(problem({{"*"}, {}, {}}).has_value());
        CHECK(problem({{}, {"*/core"}, {}}).has_value());
    }
    SUBCASE("one environment needs no naming") {
        CHECK(problem({{}, {"production/tenant-*"}, {}}) == std::nullopt);
        CHECK(problem({{}, {"tenant-*", "staging/core"}, {}}).has_value());
        InventoryFiles single;
        CHECK(unnamed_environments_error(select(single.load(R"(environments:
  dev:
    databases: [{name: a, url: "sqlite:///a.db"}, {name: b, url: "sqlite:///b.db"}]
)"),
                                                {})) == std::nullopt);
    }
}

TEST_CASE("shards of a selection are disjoint and together cover it") {
    InventoryFiles files;
    Inventory inventory = files.load(k_fleet);
    const std::vector<std::string> all = selected(inventory, {});
    for (int count = 1; count <= 5; ++count) {
        CAPTURE(count);
        std::vector<std::string> seen;
        for (int index = 0; index < count; ++index) {
            Selection slice = select(inventory, {{}, {}, Shard{index, count}});
            for (const std::string& name : full_names(slice.targets)) {
                CHECK(std::find(seen.begin(), seen.end(), name) == seen.end());
                seen.push_back(name);
            }
            for (const std::string& environment : slice.environments)
                CHECK(std::any_of(
                    slice.targets.begin(), slice.targets.end(),
                    [&](const TargetSpec& target) { return target.environment == environment; }));
        }
        std::sort(seen.begin(), seen.end());
        std::vector<std::string> expected = all;
        std::sort(expected.begin(), expected.end());
        CHECK(seen == expected);
    }

    SUBCASE("a slice keeps inventory order and applies after the other selectors") {
        Selection slice = select(inventory, {{"production"}, {}, Shard{0, 2}});
        Selection other = select(inventory, {{"production"}, {}, Shard{1, 2}});
        CHECK(slice.targets.size() + other.targets.size() == 5);
        std::vector<std::string> names = full_names(slice.targets);
        std::vector<std::string> in_order;
        for (const std::string& name : selected(inventory, {{"production"}, {}, {}}))
            if (std::find(names.begin(), names.end(), name) != names.end())
                in_order.push_back(name);
        CHECK(names == in_order);
    }
}
