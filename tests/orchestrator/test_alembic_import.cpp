#include "engine/error.hpp"
#include "engine/script/script_file.hpp"
#include "orchestrator/alembic_import/imported_revision.hpp"
#include "orchestrator/alembic_import/revision_render.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <variant>

using namespace fleet;
using namespace fleet::orchestrator::alembic_import;
namespace script = fleet::engine::script;
namespace ops = fleet::engine::ops;

namespace {

ImportedRevision header(ImportKind kind) {
    ImportedRevision r;
    r.id = "1a2b3c4d5e6f";
    r.down_revisions = {"0f9e8d7c6b5a", "9e8d7c6b5a4f"};
    r.branch_labels = {"billing"};
    r.depends_on = {"abcdef012345"};
    r.message = "create accounts";
    r.create_date = "2026-10-01 12:00:00.000000";
    r.source_path = "/project/alembic/versions/1a2b3c4d5e6f_create_accounts.py";
    r.stem = "1a2b3c4d5e6f_create_accounts";
    r.kind = kind;
    return r;
}

// Writes the rendered file into a temp folder and loads it as fleet would.
script::Script load(const test::TempDir& dir, const RenderedRevision& file) {
    return script::load_script_file(dir.write(file.file_name, file.text));
}

std::string sql_of(const ops::Operation& op) { return std::get<ops::Execute>(op).sql; }

} // namespace

TEST_CASE("An imported revision keeps its id, graph fields, message and date") {
    test::TempDir dir;
    for (ImportKind kind : {ImportKind::yaml, ImportKind::sql, ImportKind::by_hand}) {
        CAPTURE(kind_name(kind));
        ImportedRevision r = header(kind);
        r.upgrade_steps = r.downgrade_steps = "[]";
        const RenderedRevision file = render_imported(r);
        CHECK(file.file_name == "1a2b3c4d5e6f_create_accounts" +
                                    std::string(kind == ImportKind::yaml ? ".yaml" : ".sql"));
        const script::Script loaded = load(dir, file);
        CHECK(loaded.revision.id == "1a2b3c4d5e6f");
        CHECK(loaded.revision.down_revisions ==
              std::vector<std::string>{"0f9e8d7c6b5a", "9e8d7c6b5a4f"});
        CHECK(loaded.revision.branch_labels == std::vector<std::string>{"billing"});
        CHECK(loaded.revision.depends_on == std::vector<std::string>{"abcdef012345"});
        CHECK(loaded.revision.message == "create accounts");
        CHECK(loaded.create_date == "2026-10-01 12:00:00.000000");
    }
}

TEST_CASE("Portable steps go through the YAML reader and out as YAML steps") {
    test::TempDir dir;
    ImportedRevision r = header(ImportKind::yaml);
    r.upgrade_steps = R"j([{"create_table": {"name": "accounts", "columns": [)j"
                      R"j({"name": "id", "type": "integer", "autoincrement": true},)j"
                      R"j({"name": "plan", "type": "varchar(20)", "nullable": false,)j"
                      R"j( "server_default": "free"}],)j"
                      R"j("primary_key": {"name": "accounts_pkey", "columns": ["id"]}}},)j"
                      R"j({"create_check_constraint": {"table": "accounts",)j"
                      R"j( "condition": "plan <> ''"}}])j";
    r.downgrade_steps = R"([{"drop_table": {"name": "accounts"}}])";
    const script::Script loaded = load(dir, render_imported(r));
    const auto& up = loaded.operations(script::Direction::upgrade, "sqlite");
    REQUIRE(up.size() == 2);
    const auto& table = std::get<ops::CreateTable>(up[0]);
    CHECK(table.primary_key->name == "accounts_pkey");
    CHECK(table.columns[0].autoincrement);
    CHECK_FALSE(table.columns[1].nullable);
    CHECK(table.columns[1].server_default->value.text == "free");
    // An unnamed constraint is named by fleet's convention when read.
    CHECK(std::get<ops::CreateCheckConstraint>(up[1]).check.name.rfind("ck_accounts_", 0) == 0);
    CHECK(std::holds_alternative<ops::DropTable>(
        loaded.operations(script::Direction::downgrade, "sqlite").at(0)));

    SUBCASE("a downgrade() that raised NotImplementedError leaves no downgrade") {
        r.has_downgrade = false;
        r.id = "2b3c4d5e6f7a";
        r.stem = "2b3c4d5e6f7a_one_way";
        CHECK_FALSE(load(dir, render_imported(r)).has_downgrade());
    }
    SUBCASE("a step fleet cannot read names the Alembic module") {
        r.upgrade_steps = R"([{"create_table": {"name": "t"}}])";
        try {
            render_imported(r);
            FAIL("no error");
        } catch (const InputError& error) {
            CHECK(error.file() == r.source_path);
        }
    }
}

TEST_CASE("Captured SQL is one section per dialect, transactional as captured") {
    test::TempDir dir;
    ImportedRevision r = header(ImportKind::sql);
    r.transactional = false;
    r.upgrade_sql = {{"postgresql", "CREATE INDEX CONCURRENTLY ix ON t (a);\n\n"},
                     {"sqlite", "CREATE INDEX ix ON t (a);\n\n"}};
    r.downgrade_sql = {{"postgresql", "DROP INDEX CONCURRENTLY ix;\n\n"}, {"sqlite", ""}};
    const script::Script loaded = load(dir, render_imported(r));
    CHECK_FALSE(loaded.transactional);
    CHECK(sql_of(loaded.operations(script::Direction::upgrade, "postgresql").at(0)) ==
          "CREATE INDEX CONCURRENTLY ix ON t (a)");
    CHECK(sql_of(loaded.operations(script::Direction::upgrade, "sqlite").at(0)) ==
          "CREATE INDEX ix ON t (a)");
    CHECK(loaded.operations(script::Direction::downgrade, "sqlite").empty());
}

TEST_CASE("SQL captured for one dialect fails on the other instead of running nothing") {
    test::TempDir dir;
    ImportedRevision r = header(ImportKind::sql);
    r.upgrade_sql = {{"postgresql", "CREATE INDEX CONCURRENTLY ix ON t (a);\n\n"}};
    r.downgrade_sql = {{"postgresql", "DROP INDEX CONCURRENTLY ix;\n\n"}};
    const script::Script loaded = load(dir, render_imported(r));
    for (auto direction : {script::Direction::upgrade, script::Direction::downgrade}) {
        const std::string lite = sql_of(loaded.operations(direction, "sqlite").at(0));
        CHECK(lite == "SELECT * FROM \"revision 1a2b3c4d5e6f was imported as SQL for postgresql "
                      "only: import it again with --dialect sqlite, or write this section\"");
    }
}

TEST_CASE("A revision to write by hand holds its source as comments and fails on each dialect") {
    test::TempDir dir;
    ImportedRevision r = header(ImportKind::by_hand);
    r.reason = "it reads the database: it uses op.get_bind().execute (100% sure)";
    r.source = "def upgrade():\n    conn = op.get_bind()\n";
    r.upgrade_by_hand = r.downgrade_by_hand = true;
    const RenderedRevision file = render_imported(r);
    CHECK(file.text.find("--   def upgrade():\n--       conn = op.get_bind()\n") !=
          std::string::npos);
    const script::Script loaded = load(dir, file);
    for (auto direction : {script::Direction::upgrade, script::Direction::downgrade}) {
        const std::string pg = sql_of(loaded.operations(direction, "postgresql").at(0));
        CHECK(pg.rfind("DO $fleet$ BEGIN RAISE EXCEPTION 'revision 1a2b3c4d5e6f must be written "
                       "by hand",
                       0) == 0);
        CHECK(pg.find("(100%% sure)") != std::string::npos); // RAISE's placeholder escaped
        const std::string lite = sql_of(loaded.operations(direction, "sqlite").at(0));
        CHECK(lite.rfind("SELECT * FROM \"revision 1a2b3c4d5e6f must be written by hand", 0) == 0);
    }
}

TEST_CASE("A revision to write by hand keeps the direction that could be captured") {
    test::TempDir dir;
    ImportedRevision r = header(ImportKind::by_hand);
    r.reason = "it reads the database";
    r.upgrade_by_hand = true;
    r.downgrade_sql = {{"postgresql", "DELETE FROM t;\n\n"}, {"sqlite", ""}};
    const script::Script loaded = load(dir, render_imported(r));
    CHECK(sql_of(loaded.operations(script::Direction::downgrade, "postgresql").at(0)) ==
          "DELETE FROM t");
    CHECK(loaded.operations(script::Direction::downgrade, "sqlite").empty());
    CHECK(sql_of(loaded.operations(script::Direction::upgrade, "sqlite").at(0))
              .rfind("SELECT * FROM \"revision", 0) == 0);
}

TEST_CASE("The helper's answer is read, its errors become fleet's") {
    SUBCASE("a module that does not import: its file and line") {
        CHECK_THROWS_WITH_AS(
            parse_helper_output(R"({"error": {"kind": "input", "message": "SyntaxError: bad",)"
                                R"( "file": "/p/versions/a.py", "line": 3}})"),
            "/p/versions/a.py:3: SyntaxError: bad", InputError);
    }
    SUBCASE("no Alembic") {
        CHECK_THROWS_AS(parse_helper_output(R"({"error": {"kind": "missing_alembic", )"
                                            R"("message": "cannot import alembic"}})"),
                        AlembicMissing);
    }
    SUBCASE("not the helper's JSON: a failure, not bad input") {
        try {
            parse_helper_output("Traceback (most recent call last):");
            FAIL("no error");
        } catch (const Error& error) {
            CHECK(error.exit_code() == ExitCode::failed);
        }
    }
}
