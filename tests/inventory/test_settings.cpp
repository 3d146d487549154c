#include "inventory/amount.hpp"
#include "inventory/settings.hpp"

#include <doctest/doctest.h>

using namespace fleet::inventory;
using namespace std::chrono_literals;

TEST_CASE("amounts are counts or percentages") {
    CHECK(parse_amount("10") == Amount::count(10));
    CHECK(parse_amount("0") == Amount::count(0));
    CHECK(parse_amount("25%") == Amount::percent(25));
    CHECK(Amount::percent(25).to_string() == "25%");
    CHECK(Amount::count(3).to_string() == "3");
    for (const char* text : {"", "%", "x", "-1", "+1", "1.5", "10%%", "%10", "10 %", "99999999999"})
        CHECK_MESSAGE(!parse_amount(text), text);
}

TEST_CASE("the defaults are INTERFACE.md's") {
    Settings settings = default_settings("/srv/fleet");
    CHECK(settings.script_location == "/srv/fleet/migrations");
    CHECK(settings.version_table == "alembic_version");
    CHECK_FALSE(settings.version_table_schema.has_value());
    CHECK_FALSE(settings.transaction_per_migration);
    CHECK_FALSE(settings.schema.has_value());
    CHECK(settings.rollout.concurrency == 4);
    CHECK(settings.rollout.per_host == 2);
    CHECK(settings.rollout.canary == 1);
    CHECK(settings.rollout.batch == std::vector<Amount>{Amount::count(10)});
    CHECK(settings.rollout.max_failures == Amount::count(0));
    CHECK(settings.rollout.pause == 0ms);
    CHECK(settings.lock.timeout == 30s);
    CHECK(settings.lock.statement_lock_timeout == 5s);
    CHECK(settings.lock.retries == 3);
    CHECK(settings.connection.connect_timeout == 10s);
    CHECK(settings.connection.answer_timeout == 0ms);

    SUBCASE("without a folder script_location stays relative") {
        CHECK(default_settings({}).script_location == "migrations");
    }
}

TEST_CASE("merging replaces only the fields the nearer layer sets") {
    const std::filesystem::path base = "/srv/fleet";
    Settings top = default_settings(base);
    top.version_table_schema = "ops";
    top.schema = "public";

    SettingsLayer nearer;
    nearer.rollout.concurrency = 8;
    nearer.lock.retries = 0;
    Settings result = merged(top, nearer, base);
    CHECK(result.rollout.concurrency == 8);
    CHECK(result.rollout.per_host == 2);
    CHECK(result.rollout.batch == top.rollout.batch);
    CHECK(result.lock.retries == 0);
    CHECK(result.lock.timeout == 30s);
    CHECK(result.version_table_schema == std::optional<std::string>("ops"));

    SUBCASE("an empty layer changes nothing") { CHECK(merged(top, SettingsLayer{}, base) == top); }
    SUBCASE("a null nullable key undoes the farther value") {
        SettingsLayer undo;
        undo.version_table_schema.emplace(std::nullopt);
        undo.schema.emplace(std::nullopt);
        Settings undone = merged(top, undo, base);
        CHECK_FALSE(undone.version_table_schema.has_value());
        CHECK_FALSE(undone.schema.has_value());
    }
    SUBCASE("a relative script_location is joined to the folder, an absolute one kept") {
        SettingsLayer relative;
        relative.script_location = "db/../schema/migrations";
        CHECK(merged(top, relative, base).script_location == "/srv/fleet/schema/migrations");
        SettingsLayer absolute;
        absolute.script_location = "/opt/migrations";
        CHECK(merged(top, absolute, base).script_location == "/opt/migrations");
    }
}
