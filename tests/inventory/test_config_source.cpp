#include "inventory/config_source.hpp"

#include "engine/error.hpp"
#include "tests/inventory/inventory_testing.hpp"

#include <doctest/doctest.h>

using namespace fleet::inventory;
using fleet::inventory::testing::CurrentDirectory;
using fleet::inventory::testing::env_of;
using fleet::inventory::testing::TempDir;

TEST_CASE("the inventory is -c, else $FLEET_CONFIG, else ./fleet.yaml") {
    TempDir dir;
    const std::string given = dir.write("given.yaml", "").string();
    const std::string from_env = dir.write("from-env.yaml", "").string();
    const std::filesystem::path local = dir.write("fleet.yaml", "");

    SUBCASE("-c wins over everything") {
        ConfigSource source =
            discover_config(given, env_of({{"FLEET_CONFIG", from_env}}), dir.path());
        CHECK(source.origin == ConfigOrigin::option);
        CHECK(source.path == given);
        CHECK(source.found());
    }
    SUBCASE("$FLEET_CONFIG wins over ./fleet.yaml") {
        ConfigSource source = discover_config({}, env_of({{"FLEET_CONFIG", from_env}}), dir.path());
        CHECK(source.origin == ConfigOrigin::environment_variable);
        CHECK(source.path == from_env);
    }
    SUBCASE("an empty $FLEET_CONFIG counts as unset") {
        ConfigSource source = discover_config({}, env_of({{"FLEET_CONFIG", ""}}), dir.path());
        CHECK(source.origin == ConfigOrigin::working_directory);
        CHECK(source.path == local);
    }
    SUBCASE("./fleet.yaml is the last resort") {
        ConfigSource source = discover_config({}, env_of({}), dir.path());
        CHECK(source.origin == ConfigOrigin::working_directory);
        CHECK(source.path == local);
    }
}

TEST_CASE("no inventory anywhere is reported as none, not as an error") {
    TempDir dir;
    ConfigSource source = discover_config({}, env_of({}), dir.path());
    CHECK(source.origin == ConfigOrigin::none);
    CHECK_FALSE(source.found());
    CHECK(source.path.empty());

    SUBCASE("a folder called fleet.yaml is no inventory") {
        std::filesystem::create_directory(dir.path() / "fleet.yaml");
        CHECK_FALSE(discover_config({}, env_of({}), dir.path()).found());
    }
}

TEST_CASE("a named inventory that does not exist is a usage error, not a fallback") {
    TempDir dir;
    const std::string missing = (dir.path() / "missing.yaml").string();
    dir.write("fleet.yaml", "");
    CHECK_THROWS_WITH_AS(discover_config(missing, env_of({}), dir.path()),
                         ("inventory '" + missing + "' (from -c) does not exist").c_str(),
                         fleet::UsageError);
    CHECK_THROWS_WITH_AS(
        discover_config({}, env_of({{"FLEET_CONFIG", missing}}), dir.path()),
        ("inventory '" + missing + "' (from $FLEET_CONFIG) does not exist").c_str(),
        fleet::UsageError);
    CHECK_THROWS_WITH_AS(
        discover_config(dir.path().string(), env_of({}), dir.path()),
        ("inventory '" + dir.path().string() + "' (from -c) is a folder, not a file").c_str(),
        fleet::UsageError);
    CHECK_THROWS_WITH_AS(discover_config(std::string(), env_of({}), dir.path()), "-c names no file",
                         fleet::UsageError);
}

TEST_CASE("the fallback URL is --url, else $DATABASE_URL") {
    CHECK(discover_url("sqlite:///a.db", env_of({{"DATABASE_URL", "sqlite:///b.db"}})) ==
          std::optional<std::string>("sqlite:///a.db"));
    CHECK(discover_url({}, env_of({{"DATABASE_URL", "sqlite:///b.db"}})) ==
          std::optional<std::string>("sqlite:///b.db"));
    CHECK(discover_url({}, env_of({{"DATABASE_URL", ""}})) == std::nullopt);
    CHECK(discover_url({}, env_of({})) == std::nullopt);
}

TEST_CASE("without a working folder ./fleet.yaml is looked for in the current directory") {
    TempDir dir;
    dir.write("fleet.yaml", "");
    ConfigSource source;
    {
        CurrentDirectory inside(dir.path());
        source = discover_config({}, env_of({}));
    }
    CHECK(source.origin == ConfigOrigin::working_directory);
    CHECK(source.path == "fleet.yaml");
}
