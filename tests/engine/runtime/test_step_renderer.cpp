#include "engine/runtime/step_renderer.hpp"

#include "engine/error.hpp"
#include "engine/runtime/migration_context.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

// Every step of a run rendered before its first statement, and downgrades
// derived from the replayed schema, against a real SQLite file: what a
// refusal leaves (nothing) and what a derived downgrade does.

namespace {

using namespace fleet::engine;

struct RendererFixture {
    fleet::test::TempDir dir;
    url::DatabaseUrl url;

    RendererFixture() : url(url::DatabaseUrl::parse("sqlite:///" + dir.file("app.db"))) {}

    void write(const std::string& name, const std::string& text) const {
        dir.write("m/versions/" + name, text);
    }
    void run(const std::string& destination, bool down = false) const {
        auto scripts = script::ScriptDirectory::load(dir.path() / "m");
        revision::RevisionMap map(scripts.revisions());
        auto connection = fleet::plugins::connect(url);
        runtime::LiveSink sink(*connection);
        runtime::MigrationContext context(sink, scripts, {});
        auto heads = context.current_heads();
        context.run(down ? runtime::plan_downgrade(map, destination, heads)
                         : runtime::plan_upgrade(map, destination, heads),
                    heads);
    }
    std::vector<std::string> column(const std::string& sql) const {
        auto reader = fleet::plugins::connect(url);
        std::vector<std::string> values;
        for (const auto& row : reader->query(sql))
            values.push_back(row.at(0).value_or("NULL"));
        return values;
    }
    std::vector<std::string> tables() const {
        return column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }
    std::string path(const std::string& name) const {
        return (dir.path() / "m" / "versions" / name).string();
    }
};

using Names = std::vector<std::string>;

} // namespace

TEST_CASE("a YAML revision without a downgrade whose steps are SQL cannot be downgraded") {
    RendererFixture f;
    f.write("a1.yaml", "revision: a1\ndown_revision: null\nupgrade:\n  - execute: CREATE TABLE a "
                       "(x INTEGER)\ndowngrade:\n  - execute: DROP TABLE a\n");
    f.write("b1.yaml", "revision: b1\ndown_revision: a1\nupgrade:\n"
                       "  - execute: CREATE TABLE b (x INTEGER)\n"
                       "  - execute: INSERT INTO b VALUES (1)\n");
    f.run("head");
    REQUIRE(f.tables() == Names{"a", "alembic_version", "b", "fleet_history"});
    CHECK_THROWS_WITH_AS(f.run("base", true),
                         (f.path("b1.yaml") +
                          ":5: revision b1 has no downgrade section and its downgrade cannot be "
                          "derived: execute cannot be reversed: its SQL has no known opposite; "
                          "write a downgrade: for this revision; nothing was run")
                             .c_str(),
                         fleet::InputError);
    CHECK(f.tables() == Names{"a", "alembic_version", "b", "fleet_history"});
    CHECK(f.column("SELECT version_num FROM alembic_version") == Names{"b1"});
}

TEST_CASE("a SQL revision without a downgrade section keeps its old refusal") {
    RendererFixture f;
    f.write("a1.sql", "-- revision: a1\n-- down_revision:\n-- +upgrade\nCREATE TABLE a (x INT);\n");
    f.run("head");
    CHECK_THROWS_WITH_AS(f.run("base", true),
                         (f.path("a1.sql") +
                          ": revision a1 has no downgrade section and cannot be downgraded; "
                          "nothing was run")
                             .c_str(),
                         fleet::InputError);
    CHECK(f.tables() == Names{"a", "alembic_version", "fleet_history"});
}
