#include "engine/command/target_plan.hpp"

#include "engine/error.hpp"
#include "engine/revision/revision_error.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

// target_plan on real SQLite files: what each kind of target would run, that
// planning changes nothing, and that the SQL it renders, run by hand, leaves
// the database where the live upgrade leaves it.

namespace {

using namespace fleet::engine;
using command::PlanDirection;
using command::PlanRequest;
using command::PlanState;
using Ids = std::vector<std::string>;

std::string plan_revision_file(const std::string& id, const std::string& down,
                               const std::string& upgrade, const std::string& extra_header = {},
                               const std::string& downgrade = "SELECT 1;") {
    std::string text = "-- revision: " + id + "\n-- down_revision: " + down +
                       "\n-- message: step " + id + "\n" + extra_header + "\n-- +upgrade\n" +
                       upgrade + "\n";
    if (!downgrade.empty()) text += "\n-- +downgrade\n" + downgrade + "\n";
    return text;
}

std::string bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct PlanFixture {
    fleet::test::TempDir dir;
    std::string db = dir.file("app.db");

    // r1 <- r2 <- r3, each creating a table and dropping it on the way down.
    PlanFixture() {
        std::string down;
        for (int i = 1; i <= 3; ++i) {
            std::string id = "r" + std::to_string(i);
            std::string table = "t" + std::to_string(i);
            write(id, plan_revision_file(id, down, "CREATE TABLE " + table + " (x INTEGER);", {},
                                         "DROP TABLE " + table + ";"));
            down = id;
        }
    }
    void write(const std::string& id, const std::string& text) const {
        dir.write("m/versions/" + id + ".sql", text);
    }

    command::Target target(bool read_only = true, std::string path = {},
                           std::string url_text = {}) const {
        if (path.empty()) path = db;
        if (url_text.empty()) url_text = "sqlite:///" + path;
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
    void upgrade(const std::string& revision, const std::string& path = {}) const {
        std::ostringstream ignored;
        command::upgrade(target(false, path), revision, false, ignored);
    }
    void downgrade(const std::string& revision) const {
        std::ostringstream ignored;
        command::downgrade(target(false), revision, false, ignored);
    }
    void execute(const std::string& sql) const { target(false).connect()->execute(sql); }
    command::TargetPlan plan(const std::string& revision = "heads", bool sql = false,
                             PlanDirection direction = PlanDirection::upgrade) const {
        command::Project project(dir.path() / "m");
        PlanRequest request;
        request.revision = revision;
        request.direction = direction;
        request.sql = sql;
        return command::target_plan(target(), project, request);
    }
    // Runs an offline script statement by statement, as a DBA's client would.
    void run_script(const std::string& sql, const std::string& path) const {
        auto connection = target(false, path).connect();
        std::size_t start = 0;
        while (start < sql.size()) {
            auto end = sql.find(";\n\n", start);
            if (end == std::string::npos) end = sql.size();
            std::string statement = sql.substr(start, end - start);
            start = end + 3;
            std::istringstream lines(statement);
            std::string line, code;
            while (std::getline(lines, line)) {
                if (line.rfind("--", 0) != 0) code += line + "\n";
            }
            if (code.find_first_not_of(" \n") == std::string::npos) continue;
            if (code == "BEGIN\n") {
                connection->begin();
            } else if (code == "COMMIT\n") {
                connection->commit();
            } else {
                connection->execute(code);
            }
        }
    }
    Ids versions(const std::string& path) const {
        auto connection = target(true, path).connect();
        Ids ids;
        if (!connection->table_exists("", "alembic_version")) return ids;
        for (const auto& row : connection->query("SELECT version_num FROM alembic_version"))
            ids.push_back(*row.at(0));
        return ids;
    }
    Ids tables(const std::string& path) const {
        auto connection = target(true, path).connect();
        Ids names;
        for (const auto& row : connection->query("SELECT name FROM sqlite_master WHERE type = "
                                                 "'table' AND name LIKE 't%' ORDER BY name"))
            names.push_back(*row.at(0));
        return names;
    }
};

Ids planned_ids(const command::TargetPlan& plan) {
    Ids ids;
    for (const auto& step : plan.steps)
        ids.push_back(step.revision);
    return ids;
}

} // namespace

TEST_CASE("a SQLite file not created yet would run every revision and stays uncreated") {
    PlanFixture f;
    auto plan = f.plan("heads", true);
    CHECK(plan.state == PlanState::would_run);
    CHECK_FALSE(plan.database_exists);
    CHECK(plan.current_known);
    CHECK(plan.current.empty());
    CHECK(planned_ids(plan) == Ids{"r1", "r2", "r3"});
    CHECK(plan.steps[0].direction == PlanDirection::upgrade);
    CHECK(plan.steps[0].down_revisions.empty());
    CHECK(plan.steps[1].down_revisions == Ids{"r1"});
    CHECK(plan.steps[1].message == "step r2");
    CHECK(plan.steps[1].transactional);
    CHECK(plan.sql.find("CREATE TABLE alembic_version") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(f.db));
    CHECK_FALSE(std::filesystem::exists(f.db + "-fleet.lock"));
}

TEST_CASE("a database part of the way would run what upgrade runs, and changes nothing") {
    PlanFixture f;
    f.upgrade("r1");
    const auto before = bytes_of(f.db);
    // The upgrade's lock file stays, empty, after its run; a plan takes no
    // lock, so writes no name into it.
    const auto lock_before = bytes_of(f.db + "-fleet.lock");
    auto plan = f.plan("heads", true);
    CHECK(plan.state == PlanState::would_run);
    CHECK(plan.current == Ids{"r1"});
    CHECK(planned_ids(plan) == Ids{"r2", "r3"});
    CHECK(plan.detail.empty());
    CHECK(bytes_of(f.db) == before);
    CHECK(bytes_of(f.db + "-fleet.lock") == lock_before);

    SUBCASE("its SQL starts from r1: no version table is created, the row is moved") {
        CHECK(plan.sql.find("CREATE TABLE alembic_version") == std::string::npos);
        CHECK(plan.sql.find("UPDATE alembic_version SET version_num='r2' WHERE "
                            "alembic_version.version_num = 'r1'") != std::string::npos);
    }
    SUBCASE("its SQL run by hand on a copy leaves what a live upgrade leaves") {
        const auto copy = f.dir.file("copy.db");
        std::filesystem::copy_file(f.db, copy);
        f.run_script(plan.sql, copy);
        f.upgrade("heads");
        CHECK(f.versions(copy) == f.versions(f.db));
        CHECK(f.versions(copy) == Ids{"r3"});
        CHECK(f.tables(copy) == f.tables(f.db));
    }
    SUBCASE("a relative destination counts from where the target stands") {
        CHECK(planned_ids(f.plan("+1")) == Ids{"r2"});
    }
}

TEST_CASE("a database at the destination has nothing to do and no SQL") {
    PlanFixture f;
    f.upgrade("head");
    auto plan = f.plan("heads", true);
    CHECK(plan.state == PlanState::up_to_date);
    CHECK(plan.steps.empty());
    CHECK(plan.sql.empty());
    CHECK(plan.current == Ids{"r3"});
}

TEST_CASE("a downgrade plan lists the steps highest first") {
    PlanFixture f;
    f.upgrade("head");
    auto plan = f.plan("r1", true, PlanDirection::downgrade);
    CHECK(plan.state == PlanState::would_run);
    CHECK(planned_ids(plan) == Ids{"r3", "r2"});
    CHECK(plan.steps[0].direction == PlanDirection::downgrade);
    CHECK(plan.steps[0].down_revisions == Ids{"r2"});

    SUBCASE("its SQL run by hand leaves what a live downgrade leaves") {
        const auto copy = f.dir.file("copy.db");
        std::filesystem::copy_file(f.db, copy);
        f.run_script(plan.sql, copy);
        f.downgrade("r1");
        CHECK(f.versions(copy) == Ids{"r1"});
        CHECK(f.versions(copy) == f.versions(f.db));
        CHECK(f.tables(copy) == f.tables(f.db));
    }
    SUBCASE("a destination above the target is that target's error") {
        PlanFixture g;
        g.upgrade("r1");
        auto above = g.plan("r3", false, PlanDirection::downgrade);
        CHECK(above.state == PlanState::error);
        CHECK(above.detail.find("not a valid downgrade target") != std::string::npos);
        CHECK(above.steps.empty());
        CHECK(above.current == Ids{"r1"});
    }
    SUBCASE("a revision without a downgrade section is an error before anything") {
        f.write("r3", plan_revision_file("r3", "r2", "CREATE TABLE t3 (x INTEGER);", {}, ""));
        auto refused = f.plan("base", false, PlanDirection::downgrade);
        CHECK(refused.state == PlanState::error);
        CHECK(refused.detail.find("no downgrade section") != std::string::npos);
    }
}

TEST_CASE("an empty version table left by a downgrade to base is not created again by the SQL") {
    PlanFixture f;
    f.upgrade("head");
    f.downgrade("base");
    REQUIRE(f.target().connect()->table_exists("", "alembic_version"));
    auto plan = f.plan("r1", true);
    CHECK(plan.current.empty());
    CHECK(plan.database_exists);
    CHECK(plan.sql.find("CREATE TABLE alembic_version") == std::string::npos);
    CHECK(plan.sql.find("INSERT INTO alembic_version (version_num) VALUES ('r1')") !=
          std::string::npos);
    f.run_script(plan.sql, f.db);
    CHECK(f.versions(f.db) == Ids{"r1"});
}

TEST_CASE("a non-transactional revision says so in its step") {
    PlanFixture f;
    f.write("r3", plan_revision_file("r3", "r2", "CREATE TABLE t3 (x INTEGER);",
                                     "-- transactional: false\n"));
    auto plan = f.plan();
    REQUIRE(plan.steps.size() == 3);
    CHECK_FALSE(plan.steps[2].transactional);
    CHECK(plan.steps[1].transactional);
}

TEST_CASE("a version row naming no revision here is that target's error") {
    PlanFixture f;
    f.upgrade("head");
    f.execute("UPDATE alembic_version SET version_num = 'f00dfeed0001'");
    auto plan = f.plan();
    CHECK(plan.state == PlanState::error);
    CHECK(plan.current == Ids{"f00dfeed0001"});
    CHECK(plan.detail.find("f00dfeed0001 not in the script directory") != std::string::npos);
}

TEST_CASE("a server that does not answer is unreachable, with the password masked") {
    PlanFixture f;
    command::Project project(f.dir.path() / "m");
    auto plan = command::target_plan(
        f.target(true, {}, "postgresql://app:s3cr3t-pw@127.0.0.1:1/app"), project, PlanRequest{});
    CHECK(plan.state == PlanState::unreachable);
    CHECK_FALSE(plan.current_known);
    CHECK_FALSE(plan.detail.empty());
    CHECK(plan.detail.find("s3cr3t-pw") == std::string::npos);
    CHECK(plan.display_url.find("s3cr3t-pw") == std::string::npos);
}

TEST_CASE("a revision no target could reach is refused against the graph alone") {
    PlanFixture f;
    command::Project project(f.dir.path() / "m");
    PlanRequest request;
    SUBCASE("an unknown id") {
        request.revision = "zz";
        CHECK_THROWS_AS(command::check_plan_revision(project, request), revision::ResolutionError);
    }
    SUBCASE("an ambiguous prefix") {
        request.revision = "r";
        CHECK_THROWS_AS(command::check_plan_revision(project, request), fleet::RevisionError);
    }
    SUBCASE("head with several heads") {
        f.write("b", plan_revision_file("b0000000000b", "r1", "SELECT 1;"));
        command::Project branched(f.dir.path() / "m");
        request.revision = "head";
        CHECK_THROWS_AS(command::check_plan_revision(branched, request), revision::MultipleHeads);
        request.revision = "heads";
        CHECK_NOTHROW(command::check_plan_revision(branched, request));
    }
    SUBCASE("an unknown downgrade destination") {
        request.direction = PlanDirection::downgrade;
        request.revision = "zz";
        CHECK_THROWS_AS(command::check_plan_revision(project, request), revision::ResolutionError);
    }
    SUBCASE("destinations that depend on where a target stands pass") {
        for (const char* spec : {"heads", "head", "r2", "+1", "+3"}) {
            request.revision = spec;
            CHECK_NOTHROW(command::check_plan_revision(project, request));
        }
        request.direction = PlanDirection::downgrade;
        for (const char* spec : {"base", "-1", "r1"}) {
            request.revision = spec;
            CHECK_NOTHROW(command::check_plan_revision(project, request));
        }
    }
}

TEST_CASE("plan state names are the stable words of the JSON report") {
    CHECK(command::plan_state_name(PlanState::would_run) == "would_run");
    CHECK(command::plan_state_name(PlanState::up_to_date) == "up_to_date");
    CHECK(command::plan_state_name(PlanState::unreachable) == "unreachable");
    CHECK(command::plan_state_name(PlanState::error) == "error");
}
