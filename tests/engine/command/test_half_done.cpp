#include "engine/command/half_done.hpp"

#include "engine/command/target_status.hpp"
#include "engine/error.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <sstream>

// A transactional: false revision left half-done, on real SQLite files: the
// refusal to run past it, and the operator's two ways out, retry and
// mark-done.

namespace {

using namespace fleet::engine;
using command::StatusState;
using Ids = std::vector<std::string>;

std::string half_done_revision_file(const std::string& id, const std::string& down,
                                    const std::string& upgrade, const std::string& downgrade,
                                    bool transactional) {
    return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: step " + id +
           "\n" + (transactional ? "" : "-- transactional: false\n") + "\n-- +upgrade\n" + upgrade +
           "\n\n-- +downgrade\n" + downgrade + "\n";
}

// r1 <- r2 (non-transactional: its second statement fails) <- r3.
struct HalfDoneFixture {
    fleet::test::TempDir dir;
    std::string db = dir.file("app.db");

    HalfDoneFixture() {
        write("r1", half_done_revision_file("r1", "", "CREATE TABLE t1 (x INTEGER);",
                                            "DROP TABLE t1;", true));
        write("r2", half_done_revision_file(
                        "r2", "r1", "CREATE TABLE t2 (x INTEGER);\nINSERT INTO missing VALUES (1);",
                        "DROP TABLE t2;", false));
        write("r3", half_done_revision_file("r3", "r2", "CREATE TABLE t3 (x INTEGER);",
                                            "DROP TABLE t3;", true));
    }
    void write(const std::string& id, const std::string& text) const {
        dir.write("m/versions/" + id + ".sql", text);
    }
    // r2 fixed so that it can run again over its own first statement.
    void fix_r2() const {
        write("r2",
              half_done_revision_file("r2", "r1", "CREATE TABLE IF NOT EXISTS t2 (x INTEGER);",
                                      "DROP TABLE t2;", false));
    }
    command::Project project() const { return command::Project(dir.path() / "m"); }
    command::Target target() const {
        auto url = url::DatabaseUrl::parse("sqlite:///" + db);
        command::Target target;
        target.name = "dev/app";
        target.script_location = dir.path() / "m";
        target.display_url = url.masked();
        target.dialect = &fleet::plugins::dialect_for(url);
        target.connect = [url] { return fleet::plugins::connect(url, {}); };
        target.exists = [url] { return fleet::plugins::driver_for(url).exists(url); };
        return target;
    }
    void upgrade(const std::string& revision) const {
        std::ostringstream ignored;
        command::upgrade(target(), revision, false, ignored);
    }
    void downgrade(const std::string& revision) const {
        std::ostringstream ignored;
        command::downgrade(target(), revision, false, ignored);
    }
    std::string retry(std::optional<std::string> revision = std::nullopt) const {
        std::ostringstream out;
        command::retry(target(), project(), revision, out);
        return out.str();
    }
    std::string mark_done(std::optional<std::string> revision = std::nullopt) const {
        std::ostringstream out;
        command::mark_done(target(), project(), revision, out);
        return out.str();
    }
    Ids heads() const { return command::target_status(target()).current; }
    StatusState state() const { return command::target_status(target()).state; }
    std::vector<std::string> column(const std::string& sql) const {
        std::vector<std::string> out;
        for (const auto& row : target().connect()->query(sql))
            out.push_back(row.at(0).value_or("NULL"));
        return out;
    }
    bool has_table(const std::string& name) const {
        return target().connect()->table_exists("", name);
    }
};

} // namespace

TEST_CASE("upgrade and downgrade refuse a target with a half-done step and name both ways out") {
    HalfDoneFixture f;
    CHECK_THROWS_AS(f.upgrade("head"), fleet::MigrationError);
    REQUIRE(f.state() == StatusState::half_done);
    REQUIRE(f.heads() == Ids{"r1"});

    try {
        f.upgrade("head");
        FAIL("upgrade ran past a half-done step");
    } catch (const fleet::HalfDoneError& error) {
        std::string message = error.what();
        CHECK(message.find("upgrade r2 was left half-done (failed") != std::string::npos);
        CHECK(message.find("Nothing was run") != std::string::npos);
        CHECK(message.find("fleet retry r2") != std::string::npos);
        CHECK(message.find("fleet mark-done r2") != std::string::npos);
        CHECK(error.exit_code() == fleet::ExitCode::failed);
    }
    CHECK_THROWS_AS(f.downgrade("base"), fleet::HalfDoneError);
    // Nothing moved: r3 never ran, r1 was not downgraded.
    CHECK(f.heads() == Ids{"r1"});
    CHECK_FALSE(f.has_table("t3"));
    CHECK(f.has_table("t1"));

    SUBCASE("a process that died inside the step is refused the same way") {
        f.target().connect()->execute(
            "UPDATE fleet_history SET outcome = 'running' WHERE revision = 'r2'");
        try {
            f.upgrade("head");
            FAIL("upgrade ran past a step that never finished");
        } catch (const fleet::HalfDoneError& error) {
            CHECK(std::string(error.what()).find("(never finished, started ") != std::string::npos);
        }
    }
    SUBCASE("stamp, the operator's own hand on the version table, is not refused") {
        std::ostringstream ignored;
        command::stamp(f.target(), {"r2"}, false, false, ignored);
        CHECK(f.heads() == Ids{"r2"});
    }
}

TEST_CASE("retry runs the half-done step again from its first statement, then upgrades go on") {
    HalfDoneFixture f;
    CHECK_THROWS_AS(f.upgrade("head"), fleet::MigrationError);
    REQUIRE(f.has_table("t2")); // its first statement had committed

    SUBCASE("failing again keeps it half-done, with the server's message") {
        // Not written to be re-run: its first statement fails this time.
        CHECK_THROWS_WITH_AS(f.retry(), doctest::Contains("table t2 already exists"),
                             fleet::MigrationError);
        CHECK(f.state() == StatusState::half_done);
        CHECK(f.heads() == Ids{"r1"});
    }
    SUBCASE("fixed, it runs and the version table moves") {
        f.fix_r2();
        f.retry("r2");
        CHECK(f.heads() == Ids{"r2"});
        CHECK(f.state() == StatusState::behind);
        f.upgrade("head");
        CHECK(f.heads() == Ids{"r3"});
        CHECK(f.state() == StatusState::up_to_date);
        CHECK(
            f.column("SELECT outcome FROM fleet_history WHERE revision = 'r2' ORDER BY outcome") ==
            Ids{"done", "failed"});
    }
}

TEST_CASE("mark-done records the half-done step as done without running it") {
    HalfDoneFixture f;
    CHECK_THROWS_AS(f.upgrade("head"), fleet::MigrationError);
    // The operator finishes r2 by hand: its second statement was bad; they
    // drop that part, and declare it done.
    f.mark_done("r"); // a prefix names the half-done revision
    CHECK(f.heads() == Ids{"r2"});
    CHECK(f.column("SELECT outcome FROM fleet_history WHERE revision = 'r2' ORDER BY outcome") ==
          Ids{"failed", "marked_done"});
    // Not run: the failing statement would have thrown.
    f.upgrade("head");
    CHECK(f.heads() == Ids{"r3"});
    CHECK(f.state() == StatusState::up_to_date);
}

TEST_CASE("retry and mark-done refuse what is not half-done and leave a clean target alone") {
    HalfDoneFixture f;
    f.fix_r2();
    f.upgrade("r1");
    CHECK(f.retry() == "Nothing half-done on dev/app\n");
    CHECK(f.mark_done("r2") == "Nothing half-done on dev/app\n");
    CHECK(f.heads() == Ids{"r1"});

    HalfDoneFixture broken;
    CHECK_THROWS_AS(broken.upgrade("head"), fleet::MigrationError);
    CHECK_THROWS_WITH_AS(
        broken.retry("r3"),
        doctest::Contains("revision 'r3' is not half-done on dev/app (half-done: r2)"),
        fleet::UsageError);
    CHECK_THROWS_WITH_AS(broken.mark_done("x"), doctest::Contains("is not half-done"),
                         fleet::UsageError);

    SUBCASE("a version table moved by hand since is not guessed at") {
        std::ostringstream ignored;
        command::stamp(broken.target(), {"r3"}, false, false, ignored);
        CHECK_THROWS_WITH_AS(broken.mark_done(),
                             doctest::Contains("no longer has upgrade r2 as its next step"),
                             fleet::RevisionError);
        CHECK(broken.heads() == Ids{"r3"});
    }
}

TEST_CASE("a downgrade left half-done is retried as a downgrade") {
    HalfDoneFixture f;
    f.fix_r2();
    f.upgrade("head");
    // r2's downgrade fails after... its only statement here: make it fail.
    f.write("r2", half_done_revision_file("r2", "r1", "CREATE TABLE IF NOT EXISTS t2 (x INTEGER);",
                                          "DROP TABLE t2;\nDROP TABLE missing;", false));
    CHECK_THROWS_AS(f.downgrade("base"), fleet::MigrationError);
    CHECK(f.heads() == Ids{"r2"}); // r3 went down in its own transaction
    CHECK(f.state() == StatusState::half_done);
    CHECK_THROWS_AS(f.upgrade("head"), fleet::HalfDoneError);

    f.write("r2", half_done_revision_file("r2", "r1", "CREATE TABLE IF NOT EXISTS t2 (x INTEGER);",
                                          "DROP TABLE IF EXISTS t2;", false));
    f.retry();
    CHECK(f.heads() == Ids{"r1"});
    CHECK_FALSE(f.has_table("t2"));
    f.downgrade("base");
    CHECK(f.heads().empty());
}
