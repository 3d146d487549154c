#include "engine/runtime/migration_context.hpp"

#include "engine/error.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <sstream>

// MigrationContext against a real SQLite file: what lands in the version
// table and fleet_history, and what a failure leaves behind.

namespace {

using namespace fleet::engine;

std::string revision_file(const std::string& id, const std::string& down,
                          const std::string& upgrade, const std::string& extra_header = {}) {
    return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: step " + id +
           "\n" + extra_header + "\n-- +upgrade\n" + upgrade + "\n\n-- +downgrade\nSELECT 1;\n";
}

// Five revisions r1..r5, each creating table tN; `bad` (1-based) fails instead.
void write_five(const fleet::test::TempDir& dir, int bad, const std::string& bad_header = {}) {
    std::string down;
    for (int i = 1; i <= 5; ++i) {
        std::string id = "r" + std::to_string(i);
        std::string sql = i == bad
                              ? "CREATE TABLE t" + std::to_string(i) + " (x NOT_A_TYPE(" // broken
                              : "CREATE TABLE t" + std::to_string(i) + " (x INTEGER);";
        dir.write("m/versions/" + id + ".sql",
                  revision_file(id, down, sql, i == bad ? bad_header : ""));
        down = id;
    }
}

struct Fixture {
    fleet::test::TempDir dir;
    url::DatabaseUrl url;
    std::unique_ptr<runtime::Connection> connection;

    Fixture() : url(url::DatabaseUrl::parse("sqlite:///" + dir.file("app.db"))) {}

    void run(const std::string& destination, runtime::RunSettings settings = {}) {
        auto scripts = script::ScriptDirectory::load(dir.path() / "m");
        revision::RevisionMap map(scripts.revisions());
        connection = fleet::plugins::connect(url);
        runtime::LiveSink sink(*connection);
        runtime::MigrationContext context(sink, scripts, settings);
        auto heads = context.current_heads();
        context.run(runtime::plan_upgrade(map, destination, heads), heads);
    }
    std::vector<std::string> column(const std::string& sql) {
        auto reader = fleet::plugins::connect(url);
        std::vector<std::string> values;
        for (const auto& row : reader->query(sql))
            values.push_back(row.at(0).value_or("NULL"));
        return values;
    }
    std::vector<std::string> tables() {
        return column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }
};

} // namespace

TEST_CASE("an upgrade records one version row and one history row per step") {
    Fixture f;
    write_five(f.dir, 0);
    f.run("head");
    CHECK(f.column("SELECT version_num FROM alembic_version") == std::vector<std::string>{"r5"});
    CHECK(f.column("SELECT revision || ':' || direction || ':' || outcome FROM fleet_history ORDER "
                   "BY step") == std::vector<std::string>{"r1:upgrade:done", "r2:upgrade:done",
                                                          "r3:upgrade:done", "r4:upgrade:done",
                                                          "r5:upgrade:done"});
    CHECK(f.column("SELECT count(*) FROM fleet_history WHERE length(checksum) = 64") ==
          std::vector<std::string>{"5"});
}

TEST_CASE("a failing third revision leaves nothing of the run behind") {
    Fixture f;
    write_five(f.dir, 3);
    try {
        f.run("head");
        FAIL("the run should fail");
    } catch (const fleet::MigrationError& error) {
        std::string message = error.what();
        CHECK(message.find("revision r3 failed") != std::string::npos);
        CHECK(message.find("CREATE TABLE t3 (x NOT_A_TYPE(") != std::string::npos);
        CHECK(message.find("error: ") != std::string::npos);
        CHECK(error.exit_code() == fleet::ExitCode::failed);
    }
    f.connection.reset();
    CHECK(f.tables().empty());
}

TEST_CASE("with a transaction per migration the revisions before the failure stay") {
    Fixture f;
    write_five(f.dir, 3);
    runtime::RunSettings settings;
    settings.transaction_per_migration = true;
    CHECK_THROWS_AS(f.run("head", settings), fleet::MigrationError);
    f.connection.reset();
    CHECK(f.column("SELECT version_num FROM alembic_version") == std::vector<std::string>{"r2"});
    CHECK(f.column("SELECT name FROM sqlite_master WHERE name LIKE 't%' ORDER BY name") ==
          std::vector<std::string>{"t1", "t2"});
}

TEST_CASE("a non-transactional revision that fails stays visible as failed in the history") {
    Fixture f;
    write_five(f.dir, 3, "-- transactional: false\n");
    CHECK_THROWS_AS(f.run("head"), fleet::MigrationError);
    f.connection.reset();
    CHECK(f.column("SELECT version_num FROM alembic_version") == std::vector<std::string>{"r2"});
    CHECK(f.column("SELECT revision || ':' || outcome FROM fleet_history ORDER BY step") ==
          std::vector<std::string>{"r1:done", "r2:done", "r3:failed"});
}

TEST_CASE(
    "a stop requested mid-run ends it after the revision in progress, keeping what committed") {
    Fixture f;
    write_five(f.dir, 0);
    runtime::RunSettings settings;
    settings.transaction_per_migration = true;
    int started = 0;
    settings.on_event = [&](const runtime::StepEvent& event) {
        if (event.kind == runtime::StepEvent::Kind::started) ++started;
    };
    // The "signal" arrives while the second revision runs.
    settings.stop_requested = [&] { return started >= 2; };
    try {
        f.run("head", settings);
        FAIL("the run should stop");
    } catch (const fleet::Interrupted& error) {
        CHECK(std::string(error.what()) == "stopped after 2 of 5 step(s): a stop was requested");
    }
    f.connection.reset();
    CHECK(f.column("SELECT version_num FROM alembic_version") == std::vector<std::string>{"r2"});
    CHECK(f.column("SELECT name FROM sqlite_master WHERE name LIKE 't%' ORDER BY name") ==
          std::vector<std::string>{"t1", "t2"});
    SUBCASE("and a re-run continues from there") {
        f.run("head");
        f.connection.reset();
        CHECK(f.column("SELECT version_num FROM alembic_version") ==
              std::vector<std::string>{"r5"});
        CHECK(f.column("SELECT count(*) FROM fleet_history WHERE outcome = 'done'") ==
              std::vector<std::string>{"5"});
    }
}

TEST_CASE("with one transaction for the whole run a stop request lets the run finish") {
    Fixture f;
    write_five(f.dir, 0);
    runtime::RunSettings settings;
    settings.stop_requested = [] { return true; };
    std::vector<std::string> statements;
    settings.on_statement = [&](const std::string& sql) { statements.push_back(sql); };
    f.run("head", settings);
    f.connection.reset();
    CHECK(f.column("SELECT version_num FROM alembic_version") == std::vector<std::string>{"r5"});
    // Every migration statement was reported as it was sent, in order.
    std::vector<std::string> creates;
    for (const auto& sql : statements) {
        if (sql.rfind("CREATE TABLE t", 0) == 0) creates.push_back(sql);
    }
    CHECK(creates ==
          std::vector<std::string>{"CREATE TABLE t1 (x INTEGER)", "CREATE TABLE t2 (x INTEGER)",
                                   "CREATE TABLE t3 (x INTEGER)", "CREATE TABLE t4 (x INTEGER)",
                                   "CREATE TABLE t5 (x INTEGER)"});
}

TEST_CASE("a downgrade through a revision without a downgrade section is refused before it runs") {
    Fixture f;
    f.dir.write("m/versions/a.sql",
                "-- revision: a1\n-- down_revision:\n-- +upgrade\nCREATE TABLE a (x INT);\n");
    f.dir.write("m/versions/b.sql", revision_file("b1", "a1", "CREATE TABLE b (x INT);"));
    f.run("head");
    auto scripts = script::ScriptDirectory::load(f.dir.path() / "m");
    revision::RevisionMap map(scripts.revisions());
    runtime::LiveSink sink(*f.connection);
    runtime::MigrationContext context(sink, scripts, {});
    auto heads = context.current_heads();
    CHECK_THROWS_WITH_AS(context.run(runtime::plan_downgrade(map, "base", heads), heads),
                         doctest::Contains("revision a1 has no downgrade section"),
                         fleet::InputError);
    f.connection.reset();
    CHECK(f.column("SELECT version_num FROM alembic_version") == std::vector<std::string>{"b1"});
    CHECK(f.column("SELECT count(*) FROM sqlite_master WHERE name = 'b'") ==
          std::vector<std::string>{"1"});
}

TEST_CASE("offline SQL wraps the run in one transaction and creates the version table from base") {
    fleet::test::TempDir dir;
    write_five(dir, 0);
    auto scripts = script::ScriptDirectory::load(dir.path() / "m");
    revision::RevisionMap map(scripts.revisions());
    std::ostringstream out;
    auto url = url::DatabaseUrl::parse("sqlite:///unused.db");
    runtime::OfflineSink sink(fleet::plugins::dialect_for(url), out);
    runtime::MigrationContext context(sink, scripts, {});
    context.run(runtime::plan_upgrade(map, "r2", {}), {});
    const std::string sql = out.str();
    CHECK(sql.rfind("BEGIN;\n\nCREATE TABLE alembic_version (", 0) == 0);
    CHECK(sql.find("-- Running upgrade  -> r1\n\nCREATE TABLE t1 (x INTEGER);\n\nINSERT INTO "
                   "alembic_version "
                   "(version_num) VALUES ('r1');") != std::string::npos);
    CHECK(sql.find("UPDATE alembic_version SET version_num='r2' WHERE alembic_version.version_num "
                   "= 'r1';") != std::string::npos);
    CHECK(sql.ends_with("COMMIT;\n\n"));
    CHECK(!std::filesystem::exists("unused.db"));
}
