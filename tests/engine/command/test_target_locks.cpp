#include "engine/command/target_locks.hpp"

#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <unistd.h>

// target_locks on real SQLite files: a lock held by another connection is
// reported with its holder, a free one as free, and asking creates nothing.

namespace {

using namespace fleet::engine;
using command::LockState;
using namespace std::chrono_literals;

command::Target sqlite_target(const std::string& url_text, bool read_only = true) {
    auto url = url::DatabaseUrl::parse(url_text);
    command::Target target;
    target.name = "dev/app";
    target.display_url = url.masked();
    fleet::plugins::ConnectOptions options;
    options.read_only = read_only;
    options.connect_timeout_seconds = 2;
    target.connect = [url, options] { return fleet::plugins::connect(url, options); };
    target.exists = [url] { return fleet::plugins::driver_for(url).exists(url); };
    return target;
}

} // namespace

TEST_CASE("a held SQLite migration lock names this process as its holder") {
    fleet::test::TempDir dir;
    const auto url = "sqlite:///" + dir.file("app.db");
    auto writer = sqlite_target(url, false).connect();
    auto target = sqlite_target(url);

    CHECK(command::target_locks(target).state == LockState::free);
    CHECK(command::describe_lock_holders(*target.connect(), target).empty());

    auto lock = writer->acquire_migration_lock(command::lock_key(target), 1s);
    REQUIRE(lock != nullptr);
    auto locks = command::target_locks(target);
    CHECK(locks.state == LockState::held);
    REQUIRE(locks.holders.size() == 1);
    CHECK(locks.holders[0].pid == static_cast<long long>(::getpid()));
    CHECK_FALSE(locks.holders[0].since.empty());
    CHECK(locks.detail.empty());
    CHECK(command::describe_lock_holders(*target.connect(), target)
              .rfind("pid " + std::to_string(::getpid()), 0) == 0);

    SUBCASE("released, it is free again") {
        lock->release();
        CHECK(command::target_locks(target).state == LockState::free);
    }
    SUBCASE("on SQLite the lock is the file's, whatever the version table") {
        auto other = target;
        other.settings.version_table = "other_version";
        CHECK(command::target_locks(other).state == LockState::held);
    }
}

TEST_CASE("a SQLite file not created yet holds no lock and is not created by asking") {
    fleet::test::TempDir dir;
    auto locks = command::target_locks(sqlite_target("sqlite:///" + dir.file("new.db")));
    CHECK(locks.state == LockState::free);
    CHECK(locks.holders.empty());
    CHECK_FALSE(std::filesystem::exists(dir.file("new.db")));
    CHECK_FALSE(std::filesystem::exists(dir.file("new.db-fleet.lock")));
}

TEST_CASE("a server that does not answer is unreachable, with the password masked") {
    auto locks = command::target_locks(sqlite_target("postgresql://app:s3cr3t-pw@127.0.0.1:1/app"));
    CHECK(locks.state == LockState::unreachable);
    CHECK_FALSE(locks.detail.empty());
    CHECK(locks.detail.find("s3cr3t-pw") == std::string::npos);
    CHECK(locks.display_url.find("s3cr3t-pw") == std::string::npos);
}

TEST_CASE("lock state names are the stable words of the JSON report") {
    CHECK(command::lock_state_name(LockState::held) == "held");
    CHECK(command::lock_state_name(LockState::free) == "free");
    CHECK(command::lock_state_name(LockState::unreachable) == "unreachable");
    CHECK(command::lock_state_name(LockState::error) == "error");
}
