#include "engine/script/project_init.hpp"

#include "engine/error.hpp"
#include "engine/script/script_directory.hpp"
#include "tests/engine/script/script_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace fleet::test;
using namespace fleet::engine::script;

TEST_CASE("init creates a project that loads") {
    TempDir dir;
    const auto project = dir.path() / "shop";
    const InitResult created = init_project(project, "ab12cd34ef56", "2026-11-21T10:00:00Z");

    CHECK(created.config_file == project / "fleet.yaml");
    CHECK(created.script_location == project / "migrations");
    CHECK(created.first_revision ==
          project / "migrations/versions/ab12cd34ef56_create_example_table.sql");

    std::ifstream config(created.config_file);
    std::stringstream text;
    text << config.rdbuf();
    CHECK(text.str().find("\nscript_location: migrations\n") != std::string::npos);
    CHECK(text.str().find("\nenvironments:\n  dev:\n    databases:\n      - name: app\n"
                          "        url: sqlite:///dev.db\n") != std::string::npos);

    const ScriptDirectory scripts = ScriptDirectory::load(created.script_location);
    REQUIRE(scripts.scripts().size() == 1);
    const Script& first = scripts.scripts().front();
    CHECK(first.revision.id == "ab12cd34ef56");
    CHECK(first.revision.down_revisions.empty());
    CHECK(first.revision.message == "create example table");
    CHECK(first.create_date == "2026-11-21T10:00:00Z");
    CHECK(steps(first.operations(Direction::upgrade, "sqlite")) ==
          Steps{{"CREATE TABLE example (\n    id INTEGER PRIMARY KEY,\n    name VARCHAR(100) NOT "
                 "NULL\n)",
                 10}});
    CHECK(steps(first.operations(Direction::downgrade, "sqlite")) ==
          Steps{{"DROP TABLE example", 16}});

    SUBCASE("in an existing empty folder too") {
        TempDir empty;
        CHECK(init_project(empty.path()).first_revision.parent_path() ==
              empty.path() / "migrations/versions");
    }
    SUBCASE("with a fresh revision id by default") {
        TempDir other;
        const InitResult fresh = init_project(other.path() / "p");
        const ScriptDirectory loaded = ScriptDirectory::load(fresh.script_location);
        CHECK(loaded.scripts().front().revision.id.size() == 12);
    }
}

TEST_CASE("init refuses a folder that is not empty, as Alembic does") {
    TempDir dir;
    dir.write("shop/notes.txt", "mine");
    CHECK_THROWS_WITH_AS(
        init_project(dir.path() / "shop"),
        ("Directory " + (dir.path() / "shop").string() + " already exists and is not empty")
            .c_str(),
        fleet::UsageError);
    SUBCASE("or a file") {
        const auto file = dir.write("plain", "x");
        CHECK_THROWS_WITH_AS(
            init_project(file),
            ("'" + file.string() + "' already exists and is not a directory").c_str(),
            fleet::UsageError);
    }
    SUBCASE("and creates nothing when the revision id is bad") {
        CHECK_THROWS_AS(init_project(dir.path() / "new", "bad-id"), fleet::UsageError);
        CHECK_FALSE(std::filesystem::exists(dir.path() / "new"));
    }
}
