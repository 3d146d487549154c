#include "engine/command/project.hpp"
#include "engine/command/script_checksums.hpp"
#include "engine/command/target_audit.hpp"
#include "engine/command/target_schema.hpp"

#include "engine/error.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <sstream>

// The per-target halves of `fleet audit` and `fleet diff` on real SQLite
// files: scripts edited after they ran, schemas read without fleet's tables,
// and nothing created by reading.

namespace {

using namespace fleet::engine;
using command::HistoryState;

std::string audit_revision_file(const std::string& id, const std::string& down,
                                const std::string& upgrade) {
    return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: step " + id +
           "\n\n-- +upgrade\n" + upgrade + "\n\n-- +downgrade\nSELECT 1;\n";
}

struct AuditFixture {
    fleet::test::TempDir dir;
    std::string db = dir.file("app.db");

    AuditFixture() {
        write("r1",
              audit_revision_file("r1", "", "CREATE TABLE accounts (id INTEGER PRIMARY KEY);"));
        write("r2", audit_revision_file("r2", "r1",
                                        "ALTER TABLE accounts ADD COLUMN email VARCHAR(255);"));
    }
    void write(const std::string& id, const std::string& text) const {
        dir.write("m/versions/" + id + ".sql", text);
    }
    command::Target target(bool read_only = true) const {
        auto url = url::DatabaseUrl::parse("sqlite:///" + db);
        command::Target target;
        target.name = "dev/app";
        target.script_location = dir.path() / "m";
        target.display_url = url.masked();
        target.dialect = &fleet::plugins::dialect_for(url);
        fleet::plugins::ConnectOptions options;
        options.read_only = read_only;
        target.connect = [url, options] { return fleet::plugins::connect(url, options); };
        target.exists = [url] { return fleet::plugins::driver_for(url).exists(url); };
        return target;
    }
    void upgrade(const std::string& revision) const {
        std::ostringstream ignored;
        command::upgrade(target(false), revision, false, ignored);
    }
    void execute(const std::string& sql) const { target(false).connect()->execute(sql); }
    command::TargetAudit audit() const {
        command::Project project(dir.path() / "m");
        return command::audit_target(target(), project);
    }
};

} // namespace

TEST_CASE("a script edited after it ran is found by its checksum") {
    AuditFixture f;
    f.upgrade("head");
    CHECK(f.audit().edited.empty());
    CHECK(f.audit().history == HistoryState::present);

    f.write("r1", audit_revision_file(
                      "r1", "", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, extra TEXT);"));
    auto audit = f.audit();
    REQUIRE(audit.edited.size() == 1);
    CHECK(audit.edited[0].revision == "r1");
    CHECK(std::filesystem::path(audit.edited[0].file).filename() == "r1.sql");
    CHECK(audit.edited[0].ran_checksum != audit.edited[0].file_checksum);
    CHECK_FALSE(audit.edited[0].ran_at.empty());
}

TEST_CASE("an edit to a script not applied any more is not reported") {
    AuditFixture f;
    f.upgrade("head");
    std::ostringstream ignored;
    command::downgrade(f.target(false), "r1", false, ignored);
    f.write("r2",
            audit_revision_file("r2", "r1", "ALTER TABLE accounts ADD COLUMN mail VARCHAR(255);"));
    CHECK(f.audit().edited.empty());
}

TEST_CASE("the newest run of a revision is the one that counts") {
    AuditFixture f;
    f.upgrade("head");
    std::ostringstream ignored;
    command::downgrade(f.target(false), "r1", false, ignored);
    f.write("r2",
            audit_revision_file("r2", "r1", "ALTER TABLE accounts ADD COLUMN mail VARCHAR(255);"));
    f.upgrade("head"); // ran again, edited: the history now holds the new checksum
    CHECK(f.audit().edited.empty());
}

TEST_CASE("a database without fleet_history says so and is not flagged") {
    AuditFixture f;
    // What Alembic leaves: its version table, no fleet_history.
    f.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY); "
              "INSERT INTO alembic_version VALUES ('r2'); "
              "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email VARCHAR(255));");
    auto audit = f.audit();
    CHECK(audit.history == HistoryState::no_history);
    CHECK(audit.edited.empty());
    CHECK(audit.error.empty());
    REQUIRE(audit.schema);
    REQUIRE(audit.schema->tables.size() == 1);
    CHECK(audit.schema->tables[0].name == "accounts");
}

TEST_CASE("the schema read leaves out fleet's tables and reading creates nothing") {
    AuditFixture f;
    SUBCASE("no database yet: an empty schema, no file made") {
        auto read = command::read_target_schema(f.target());
        CHECK_FALSE(read.database_exists);
        REQUIRE(read.schema);
        CHECK(read.schema->tables.empty());
        CHECK_FALSE(std::filesystem::exists(f.db));
        auto audit = f.audit();
        CHECK(audit.history == HistoryState::no_history);
        CHECK_FALSE(std::filesystem::exists(f.db));
    }
    SUBCASE("after an upgrade: the migrated tables only") {
        f.upgrade("head");
        auto read = command::read_target_schema(f.target());
        REQUIRE(read.schema);
        REQUIRE(read.schema->tables.size() == 1);
        CHECK(read.schema->tables[0].name == "accounts");
        CHECK(read.schema->tables[0].columns.size() == 2);
    }
    SUBCASE("an unreachable database is an error value, password masked") {
        auto target = f.target();
        auto url = url::DatabaseUrl::parse("postgresql://app:s3cret-pw@127.0.0.1:1/nowhere");
        fleet::plugins::ConnectOptions options;
        options.connect_timeout_seconds = 2;
        target.connect = [url, options] { return fleet::plugins::connect(url, options); };
        target.exists = {};
        auto read = command::read_target_schema(target);
        CHECK_FALSE(read.schema);
        CHECK_FALSE(read.error.empty());
        CHECK(read.error.find("s3cret-pw") == std::string::npos);
    }
}
