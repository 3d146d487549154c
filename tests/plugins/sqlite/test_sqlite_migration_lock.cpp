#include "engine/error.hpp"
#include "engine/runtime/migration_lock.hpp"
#include "plugins/sqlite/sqlite_connection.hpp"
#include "plugins/sqlite/sqlite_migration_lock.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

using fleet::engine::runtime::LockKey;
using fleet::engine::runtime::LockTimeout;
using fleet::engine::url::DatabaseUrl;
using fleet::plugins::sqlite::lock_file_path;
using fleet::plugins::sqlite::SqliteConnection;
using fleet::test::TempDir;
using namespace std::chrono_literals;

namespace {

DatabaseUrl lock_file_url(const std::string& path) {
    return DatabaseUrl::parse("sqlite:///" + path);
}

using Clock = std::chrono::steady_clock;

} // namespace

TEST_CASE(
    "a SQLite migration lock makes a second connection wait, then time out naming the holder") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SqliteConnection first(lock_file_url(path), {});
    SqliteConnection second(lock_file_url(path), {});
    LockKey key;

    auto lock = first.acquire_migration_lock(key, 1s);
    REQUIRE(lock != nullptr);
    CHECK(std::filesystem::exists(path + "-fleet.lock"));
    CHECK(lock_file_path(path) == std::filesystem::absolute(path).string() + "-fleet.lock");

    SUBCASE("the second waits the whole timeout and names pid, application and start time") {
        auto started = Clock::now();
        try {
            second.acquire_migration_lock(key, 300ms);
            FAIL("the lock was taken twice");
        } catch (const LockTimeout& error) {
            CHECK(Clock::now() - started >= 300ms);
            std::string message = error.what();
            CHECK(message.find(
                      "timed out after 300ms waiting for the migration lock of sqlite:///") !=
                  std::string::npos);
            CHECK(message.find("pid " + std::to_string(getpid())) != std::string::npos);
            CHECK(message.find("application 'fleet'") != std::string::npos);
            CHECK(message.find("since 20") != std::string::npos);
            REQUIRE(error.holders().size() == 1);
            CHECK(error.holders()[0].pid == getpid());
            CHECK(error.exit_code() == fleet::ExitCode::failed);
        }
    }
    SUBCASE("holders names the holder while held, and nobody once released") {
        auto holders = second.migration_lock_holders(key);
        REQUIRE(holders.size() == 1);
        CHECK(holders[0].pid == getpid());
        lock->release();
        CHECK(second.migration_lock_holders(key).empty());
        CHECK(std::filesystem::exists(path + "-fleet.lock")); // never deleted
    }
    SUBCASE("destroying the lock releases it, and the waiter gets it") {
        lock.reset();
        auto next = second.acquire_migration_lock(key, 0ms);
        CHECK(next != nullptr);
    }
}

TEST_CASE("the SQLite migration lock is free the moment its holder is killed -9") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SqliteConnection(lock_file_url(path), {}); // create the file before forking
    int ready[2];
    REQUIRE(pipe(ready) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The child takes the lock, says so, and waits to be killed.
        try {
            SqliteConnection connection(lock_file_url(path), {});
            auto lock = connection.acquire_migration_lock(LockKey{}, 1s);
            char byte = 'x';
            if (write(ready[1], &byte, 1) != 1) _exit(2);
            while (true)
                pause();
        } catch (...) {
            _exit(3);
        }
    }
    close(ready[1]);
    char byte = 0;
    REQUIRE(read(ready[0], &byte, 1) == 1);
    close(ready[0]);

    SqliteConnection connection(lock_file_url(path), {});
    try {
        connection.acquire_migration_lock(LockKey{}, 50ms);
        FAIL("the child's lock was not held");
    } catch (const LockTimeout& error) {
        REQUIRE(error.holders().size() == 1);
        CHECK(error.holders()[0].pid == child);
    }
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    auto lock = connection.acquire_migration_lock(LockKey{}, 0ms);
    CHECK(lock != nullptr);
}

TEST_CASE("an in-memory SQLite database needs no migration lock") {
    SqliteConnection connection(DatabaseUrl::parse("sqlite:///:memory:"), {});
    CHECK(connection.acquire_migration_lock(LockKey{}, 0ms) == nullptr);
    CHECK(connection.migration_lock_holders(LockKey{}).empty());
}

TEST_CASE("lock holders of a database never locked are none, and nothing is created") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SqliteConnection connection(lock_file_url(path), {});
    CHECK(connection.migration_lock_holders(LockKey{}).empty());
    CHECK_FALSE(std::filesystem::exists(path + "-fleet.lock"));
}
