#include "engine/error.hpp"
#include "engine/runtime/migration_lock.hpp"
#include "plugins/postgres/postgres_connection.hpp"
#include "plugins/postgres/postgres_migration_lock.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

using fleet::engine::runtime::LockKey;
using fleet::engine::runtime::LockTimeout;
using fleet::plugins::ConnectOptions;
using fleet::plugins::postgres::advisory_lock_id;
using fleet::plugins::postgres::PostgresConnection;
using fleet::tests::PgScratchDatabase;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

ConnectOptions named(const std::string& application, const std::string& schema = {}) {
    ConnectOptions options;
    options.application_name = application;
    options.schema = schema;
    return options;
}

} // namespace

TEST_CASE("the advisory lock id is stable and tells database, schema and table apart") {
    // Pinned: a different id would let an old and a new fleet migrate at once.
    CHECK(advisory_lock_id("app", "public", "alembic_version") ==
          advisory_lock_id("app", "public", "alembic_version"));
    CHECK(advisory_lock_id("app", "public", "alembic_version") !=
          advisory_lock_id("app2", "public", "alembic_version"));
    CHECK(advisory_lock_id("app", "t_acme", "alembic_version") !=
          advisory_lock_id("app", "t_globex", "alembic_version"));
    CHECK(advisory_lock_id("ab", "c", "t") != advisory_lock_id("a", "bc", "t"));
}

TEST_CASE(
    "a PostgreSQL migration lock makes a second session wait, then time out naming the holder") {
    PgScratchDatabase database;
    PostgresConnection first(database.url(), named("holder-app"));
    PostgresConnection second(database.url(), named("waiter-app"));
    LockKey key;

    auto lock = first.acquire_migration_lock(key, 1s);
    REQUIRE(lock != nullptr);

    SUBCASE("the wait times out with pid, application, client and start of the holder") {
        auto started = Clock::now();
        try {
            second.acquire_migration_lock(key, 300ms);
            FAIL("the lock was taken twice");
        } catch (const LockTimeout& error) {
            CHECK(Clock::now() - started >= 300ms);
            std::string message = error.what();
            INFO(message);
            CHECK(message.find(
                      "timed out after 300ms waiting for the migration lock of postgresql://") !=
                  std::string::npos);
            CHECK(message.find("(public.alembic_version)") != std::string::npos);
            CHECK(message.find("pid " + std::to_string(first.backend_pid())) != std::string::npos);
            CHECK(message.find("application 'holder-app'") != std::string::npos);
            CHECK(message.find("client 127.0.0.1") != std::string::npos);
            CHECK(message.find("since 20") != std::string::npos);
            CHECK(message.find(database.url().password) == std::string::npos);
            REQUIRE(error.holders().size() == 1);
            CHECK(error.holders()[0].pid == first.backend_pid());
            CHECK(error.exit_code() == fleet::ExitCode::failed);
        }
    }
    SUBCASE("holders lists the holding session, and nobody once released") {
        auto holders = second.migration_lock_holders(key);
        REQUIRE(holders.size() == 1);
        CHECK(holders[0].pid == first.backend_pid());
        CHECK(holders[0].application == "holder-app");
        lock->release();
        CHECK(second.migration_lock_holders(key).empty());
        CHECK(second.acquire_migration_lock(key, 0ms) != nullptr);
    }
    SUBCASE("the lock goes with its session") {
        lock.reset();
        auto third = std::make_unique<PostgresConnection>(database.url(), named("dies"));
        auto held = third->acquire_migration_lock(key, 0ms);
        REQUIRE(held != nullptr);
        CHECK_THROWS_AS(second.acquire_migration_lock(key, 0ms), LockTimeout);
        // The session dies without unlocking (a killed process, a lost
        // network): the server must let go by itself.
        second.query("SELECT pg_terminate_backend(" + std::to_string(third->backend_pid()) + ")");
        CHECK(second.acquire_migration_lock(key, 2s) != nullptr);
        held.reset(); // its unlock fails on the dead session, silently
        third.reset();
    }
}

TEST_CASE("two tenant schemas of one PostgreSQL database lock independently") {
    PgScratchDatabase database;
    PostgresConnection setup(database.url(), {});
    setup.execute("CREATE SCHEMA t_acme; CREATE SCHEMA t_globex");
    PostgresConnection acme(database.url(), named("acme", "t_acme"));
    PostgresConnection globex(database.url(), named("globex", "t_globex"));
    PostgresConnection acme_again(database.url(), named("acme2", "t_acme"));

    SUBCASE("by version_table_schema") {
        auto a = acme.acquire_migration_lock(LockKey{"t_acme", "alembic_version"}, 0ms);
        auto g = globex.acquire_migration_lock(LockKey{"t_globex", "alembic_version"}, 0ms);
        CHECK(a != nullptr);
        CHECK(g != nullptr);
        CHECK_THROWS_AS(
            acme_again.acquire_migration_lock(LockKey{"t_acme", "alembic_version"}, 0ms),
            LockTimeout);
    }
    SUBCASE("by search_path when no version_table_schema is given") {
        auto a = acme.acquire_migration_lock(LockKey{}, 0ms);
        auto g = globex.acquire_migration_lock(LockKey{}, 0ms);
        CHECK(a != nullptr);
        CHECK(g != nullptr);
        CHECK_THROWS_AS(acme_again.acquire_migration_lock(LockKey{}, 0ms), LockTimeout);
        // The same lock, named either way.
        CHECK_THROWS_AS(
            acme_again.acquire_migration_lock(LockKey{"t_acme", "alembic_version"}, 0ms),
            LockTimeout);
    }
    SUBCASE("holders name only the sessions holding that key, among other advisory locks") {
        auto a = acme.acquire_migration_lock(LockKey{}, 0ms);
        // Another key, and an advisory lock of the application's own.
        setup.query("SELECT pg_advisory_lock(42)");
        auto other = globex.acquire_migration_lock(LockKey{"t_globex", "other_version"}, 0ms);
        auto holders = acme_again.migration_lock_holders(LockKey{});
        REQUIRE(holders.size() == 1);
        CHECK(holders[0].pid == acme.backend_pid());
        CHECK(holders[0].application == "acme");
        CHECK(globex.migration_lock_holders(LockKey{}).empty());
        CHECK(acme_again.migration_lock_holders(LockKey{"t_globex", "alembic_version"}).empty());
        REQUIRE(acme_again.migration_lock_holders(LockKey{"t_globex", "other_version"}).size() ==
                1);
    }
}
