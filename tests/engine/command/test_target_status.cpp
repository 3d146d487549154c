#include "engine/command/target_status.hpp"

#include "engine/command/half_done.hpp"

#include "engine/error.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <sstream>

// target_status on real SQLite files: each state a target can be in, and the
// promise that reading creates nothing and never throws.

namespace {

using namespace fleet::engine;
using command::StatusState;
using Ids = std::vector<std::string>;

std::string revision_file(const std::string& id, const std::string& down,
                          const std::string& upgrade, const std::string& extra_header = {}) {
    return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: step " + id +
           "\n" + extra_header + "\n-- +upgrade\n" + upgrade + "\n\n-- +downgrade\nSELECT 1;\n";
}

struct Fixture {
    fleet::test::TempDir dir;
    std::string db = dir.file("app.db");

    // r1 <- r2 <- r3, each creating a table.
    Fixture() {
        std::string down;
        for (int i = 1; i <= 3; ++i) {
            std::string id = "r" + std::to_string(i);
            write(id,
                  revision_file(id, down, "CREATE TABLE t" + std::to_string(i) + " (x INTEGER);"));
            down = id;
        }
    }
    void write(const std::string& id, const std::string& text) const {
        dir.write("m/versions/" + id + ".sql", text);
    }

    command::Target target(bool read_only = true, std::string url_text = {}) const {
        if (url_text.empty()) url_text = "sqlite:///" + db;
        auto url = url::DatabaseUrl::parse(url_text);
        command::Target target;
        target.name = "dev/app";
        target.script_location = dir.path() / "m";
        target.display_url = url.masked();
        target.dialect = &fleet::plugins::dialect_for(url);
        fleet::plugins::ConnectOptions options;
        options.read_only = read_only;
        options.connect_timeout_seconds = 2;
        target.connect = [url, options] { return fleet::plugins::connect(url, options); };
        target.exists = [url] { return fleet::plugins::driver_for(url).exists(url); };
        return target;
    }
    void upgrade(const std::string& revision) const {
        std::ostringstream ignored;
        command::upgrade(target(false), revision, false, ignored);
    }
    void execute(const std::string& sql) const { target(false).connect()->execute(sql); }
    command::TargetStatus status(const command::StatusOptions& options = {}) const {
        return command::target_status(target(), options);
    }
};

} // namespace

TEST_CASE("a SQLite file not created yet is behind by every revision and stays uncreated") {
    Fixture f;
    auto status = f.status();
    CHECK(status.state == StatusState::behind);
    CHECK_FALSE(status.database_exists);
    CHECK(status.current_known);
    CHECK(status.current.empty());
    CHECK(status.heads == Ids{"r3"});
    CHECK(status.pending == 3);
    CHECK(status.pending_revisions == Ids{"r1", "r2", "r3"});
    CHECK(status.applied_known);
    CHECK(status.applied.empty());
    CHECK(status.detail == "database not created yet");
    CHECK_FALSE(std::filesystem::exists(f.db));
}

TEST_CASE("a database at the head is up to date") {
    Fixture f;
    f.upgrade("head");
    auto status = f.status();
    CHECK(status.state == StatusState::up_to_date);
    CHECK(status.current == Ids{"r3"});
    CHECK(status.pending == 0);
    CHECK(status.applied == Ids{"r1", "r2", "r3"});
    CHECK(status.detail.empty());
    CHECK(status.name == "dev/app");
}

TEST_CASE("a database part of the way is behind by what upgrade heads would run") {
    Fixture f;
    f.upgrade("r1");
    auto status = f.status();
    CHECK(status.state == StatusState::behind);
    CHECK(status.current == Ids{"r1"});
    CHECK(status.pending == 2);
    CHECK(status.pending_revisions == Ids{"r2", "r3"});
    CHECK(status.applied == Ids{"r1"});
    CHECK(command::unhealthy(status.state));

    SUBCASE("an existing database with no version table is at base") {
        Fixture g;
        g.execute("CREATE TABLE unrelated (x INTEGER)");
        auto fresh = g.status();
        CHECK(fresh.state == StatusState::behind);
        CHECK(fresh.database_exists);
        CHECK(fresh.pending == 3);
        CHECK(fresh.detail.empty());
    }
}

TEST_CASE("status reads beside a writer's open transaction, even on a writable connection") {
    // The reads share one transaction; it must be a reader's, which waits for
    // no writer, and leave the file as it was.
    Fixture f;
    f.upgrade("r2");
    auto writer = f.target(false).connect();
    writer->begin(); // BEGIN IMMEDIATE: the write lock, held
    writer->execute("DELETE FROM alembic_version");
    for (bool read_only : {true, false}) {
        CAPTURE(read_only);
        auto status = command::target_status(f.target(read_only));
        CHECK(status.state == StatusState::behind);
        CHECK(status.current == Ids{"r2"}); // the last committed state
        CHECK(status.pending_revisions == Ids{"r3"});
    }
    writer->rollback();
}

TEST_CASE("a version row naming no revision here is ahead or unknown") {
    Fixture f;
    f.upgrade("head");
    f.execute("UPDATE alembic_version SET version_num = 'f00dfeed0001'");
    auto status = f.status();
    CHECK(status.state == StatusState::ahead_or_unknown);
    CHECK(status.current == Ids{"f00dfeed0001"});
    CHECK(status.pending == 0);
    CHECK_FALSE(status.applied_known);
    CHECK(status.detail.find("f00dfeed0001") != std::string::npos);
}

TEST_CASE(
    "a non-transactional step that failed leaves the target half-done until a retry succeeds") {
    Fixture f;
    f.upgrade("r1");
    f.write("r2", revision_file("r2", "r1",
                                "CREATE TABLE t2 (x INTEGER);\nINSERT INTO missing VALUES (1);",
                                "-- transactional: false\n"));
    CHECK_THROWS_AS(f.upgrade("head"), fleet::Error);

    auto status = f.status();
    CHECK(status.state == StatusState::half_done);
    CHECK(status.detail.find("upgrade r2 failed") != std::string::npos);
    CHECK(status.current == Ids{"r1"});
    CHECK(status.pending == 2);

    SUBCASE("a later successful run of the same revision clears it") {
        f.write("r2", revision_file("r2", "r1", "CREATE TABLE IF NOT EXISTS t2 (x INTEGER);",
                                    "-- transactional: false\n"));
        std::ostringstream ignored;
        command::retry(f.target(false), command::Project(f.dir.path() / "m"), "r2", ignored);
        f.upgrade("head");
        CHECK(f.status().state == StatusState::up_to_date);
    }
    SUBCASE("a step marked running and never closed is half-done too") {
        f.execute("UPDATE fleet_history SET outcome = 'running' WHERE revision = 'r2'");
        auto running = f.status();
        CHECK(running.state == StatusState::half_done);
        CHECK(running.detail.find("upgrade r2 never finished") != std::string::npos);
    }
}

TEST_CASE("more heads in the database than in the scripts means a merge is due") {
    fleet::test::TempDir dir;
    Fixture f;
    // r1 <- b, r1 <- c, merge m of b and c (r2, r3 of the fixture dropped).
    std::filesystem::remove(f.dir.path() / "m/versions/r2.sql");
    std::filesystem::remove(f.dir.path() / "m/versions/r3.sql");
    f.write("b", revision_file("b0000000000b", "r1", "SELECT 1;"));
    f.write("c", revision_file("c0000000000c", "r1", "SELECT 1;"));
    f.upgrade("heads");
    f.write("m", revision_file("m0000000000m", "b0000000000b, c0000000000c", "SELECT 1;"));

    auto status = f.status();
    CHECK(status.state == StatusState::several_heads);
    CHECK(status.current.size() == 2);
    CHECK(status.heads == Ids{"m0000000000m"});
    CHECK(status.pending == 1);
    CHECK(status.detail == "2 heads in the database, 1 in the scripts: 1 to run");

    SUBCASE("two heads that are the scripts' own two heads are up to date") {
        std::filesystem::remove(f.dir.path() / "m/versions/m.sql");
        CHECK(f.status().state == StatusState::up_to_date);
    }
}

TEST_CASE("a server that does not answer is unreachable, with the password masked") {
    Fixture f;
    auto status =
        command::target_status(f.target(true, "postgresql://app:s3cr3t-pw@127.0.0.1:1/app"));
    CHECK(status.state == StatusState::unreachable);
    CHECK_FALSE(status.current_known);
    CHECK_FALSE(status.detail.empty());
    CHECK(status.detail.find("s3cr3t-pw") == std::string::npos);
    CHECK(status.display_url.find("s3cr3t-pw") == std::string::npos);
    CHECK(status.pending == 0);
}

TEST_CASE("a file that is no database cannot be connected to: a value with the reason, not an "
          "exception") {
    Fixture f;
    f.dir.write("app.db", std::string(4096, 'x'));
    auto status = f.status();
    CHECK(status.state == StatusState::unreachable);
    CHECK(status.detail.find("not a database") != std::string::npos);
}

TEST_CASE("a broken script directory is an error value naming the problem") {
    Fixture f;
    f.write("r9", "-- down_revision: r3\n-- +upgrade\nSELECT 1;\n"); // no revision header
    auto status = f.status();
    CHECK(status.state == StatusState::error);
    CHECK(status.detail.find("r9.sql") != std::string::npos);
}

TEST_CASE("the lock hook turns a held lock into state locked, keeping pending") {
    Fixture f;
    f.upgrade("r2");
    command::StatusOptions options;
    SUBCASE("held") {
        options.lock_holder = [](runtime::Connection&, const command::Target&) {
            return std::optional<std::string>("pid 4242 since 10:02");
        };
        auto status = f.status(options);
        CHECK(status.state == StatusState::locked);
        CHECK(status.detail == "pid 4242 since 10:02");
        CHECK(status.pending == 1);
    }
    SUBCASE("free") {
        options.lock_holder = [](runtime::Connection&, const command::Target&) {
            return std::optional<std::string>();
        };
        CHECK(f.status(options).state == StatusState::behind);
    }
    SUBCASE("the hook failing is an error value") {
        options.lock_holder = [](runtime::Connection&,
                                 const command::Target&) -> std::optional<std::string> {
            throw fleet::DatabaseError("lock table unreadable");
        };
        auto status = f.status(options);
        CHECK(status.state == StatusState::error);
        CHECK(status.detail == "lock table unreadable");
    }
}

TEST_CASE("state names are the stable words of the JSON report") {
    CHECK(command::state_name(StatusState::up_to_date) == "up_to_date");
    CHECK(command::state_name(StatusState::ahead_or_unknown) == "ahead_or_unknown");
    CHECK(command::state_name(StatusState::half_done) == "half_done");
    CHECK(command::state_name(StatusState::several_heads) == "several_heads");
}
