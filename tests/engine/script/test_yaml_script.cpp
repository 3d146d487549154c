#include "engine/script/script_file.hpp"
#include "engine/script/sha256.hpp"
#include "tests/engine/script/script_test_support.hpp"

#include <doctest/doctest.h>

using namespace fleet::test;
using fleet::engine::ops::Execute;
using fleet::engine::script::Direction;
using fleet::engine::script::Script;

namespace {

constexpr std::string_view k_full = R"yaml(revision: 9c8b7a6d5e4f
down_revision: null            # null, an id, or a list of ids
branch_labels: []
depends_on: []
message: create accounts
create_date: 2026-11-21T10:00:00Z
transactional: false
upgrade:
  - execute: "CREATE TABLE accounts (id INTEGER PRIMARY KEY)"
  - execute: |
      CREATE INDEX ix_a ON accounts (id);
      INSERT INTO accounts VALUES (1);
downgrade:
  - execute: DROP TABLE accounts
)yaml";

std::string with_keys(std::string_view keys) {
    return "revision: abc\nupgrade: []\n" + std::string(keys) + "\n";
}

const Execute& execute_at(const Script& script, std::size_t i) {
    return std::get<Execute>(script.operations(Direction::upgrade, "").at(i));
}

} // namespace

TEST_CASE("A YAML revision loads its keys, its steps and its checksum") {
    TempDir dir;
    const auto path = dir.write("9c8b7a6d5e4f_create_accounts.yaml", k_full);
    const Script script = fleet::engine::script::load_script_file(path);

    CHECK(script.revision.id == "9c8b7a6d5e4f");
    CHECK(script.revision.down_revisions.empty());
    CHECK(script.revision.branch_labels.empty());
    CHECK(script.revision.depends_on.empty());
    CHECK(script.revision.message == "create accounts");
    CHECK(script.revision.source == path.string());
    CHECK(script.create_date == "2026-11-21T10:00:00Z");
    CHECK_FALSE(script.transactional);
    CHECK(script.format == "yaml");
    CHECK(script.path == path.string());
    CHECK(script.checksum() == fleet::engine::script::sha256_hex(k_full));
    CHECK(steps(script.operations(Direction::upgrade, "sqlite")) ==
          Steps{{"CREATE TABLE accounts (id INTEGER PRIMARY KEY)", 9},
                {"CREATE INDEX ix_a ON accounts (id)", 11},
                {"INSERT INTO accounts VALUES (1)", 12}});
    CHECK(steps(script.operations(Direction::downgrade, "postgresql")) ==
          Steps{{"DROP TABLE accounts", 14}});
}

TEST_CASE("A YAML revision takes every documented form") {
    TempDir dir;
    SUBCASE("down_revision null, empty, none, one id or a list") {
        CHECK(load_text(dir, "a.yaml", with_keys("down_revision: null"))
                  .revision.down_revisions.empty());
        CHECK(load_text(dir, "b.yaml", with_keys("down_revision: ~"))
                  .revision.down_revisions.empty());
        CHECK(
            load_text(dir, "c.yaml", with_keys("down_revision:")).revision.down_revisions.empty());
        CHECK(load_text(dir, "d.yaml", with_keys("down_revision: None"))
                  .revision.down_revisions.empty());
        CHECK(load_text(dir, "e.yaml", with_keys("down_revision: []"))
                  .revision.down_revisions.empty());
        CHECK(load_text(dir, "f.yaml", with_keys("down_revision: 0012")).revision.down_revisions ==
              Strings{"0012"});
        CHECK(load_text(dir, "g.yml", with_keys("down_revision: [aaa, bbb]"))
                  .revision.down_revisions == Strings{"aaa", "bbb"});
        CHECK(load_text(dir, "h.yaml", with_keys("down_revision:\n  - aaa\n  - bbb"))
                  .revision.down_revisions == Strings{"aaa", "bbb"});
    }
    SUBCASE("branch_labels and depends_on are a list or a single name") {
        const Script script =
            load_text(dir, "a.yaml", with_keys("branch_labels: [cart, net-work]\ndepends_on: abc"));
        CHECK(script.revision.branch_labels == Strings{"cart", "net-work"});
        CHECK(script.revision.depends_on == Strings{"abc"});
    }
    SUBCASE("everything but revision and upgrade may be left out") {
        const Script script = load_text(dir, "a.yaml", "revision: abc\nupgrade:\n");
        CHECK(script.revision.message.empty());
        CHECK(script.create_date.empty());
        CHECK(script.transactional);
        CHECK(script.operations(Direction::upgrade, "sqlite").empty());
        CHECK_FALSE(script.has_downgrade());
    }
    SUBCASE("an empty downgrade list is a downgrade that does nothing") {
        const Script script = load_text(dir, "a.yaml", with_keys("downgrade: []"));
        CHECK(script.has_downgrade());
        CHECK(script.operations(Direction::downgrade, "sqlite").empty());
    }
    SUBCASE("transactional is true or false") {
        CHECK(load_text(dir, "a.yaml", with_keys("transactional: true")).transactional);
        CHECK_FALSE(load_text(dir, "b.yaml", with_keys("transactional: false")).transactional);
    }
    SUBCASE("execute per dialect, with or without a plain sql") {
        const Script script = load_text(dir, "a.yaml",
                                        "revision: abc\nupgrade:\n"
                                        "  - execute: {sql: SELECT 1, postgresql: SELECT 2;}\n"
                                        "  - execute:\n"
                                        "      postgresql: SELECT 'pg'\n"
                                        "      sqlite: SELECT 'lite'\n");
        const Execute& both = execute_at(script, 0);
        CHECK(both.sql == "SELECT 1");
        CHECK(both.by_dialect == std::map<std::string, std::string>{{"postgresql", "SELECT 2"}});
        CHECK(both.line == 3);
        CHECK(both.sql_for("sqlite") == "SELECT 1");
        CHECK(both.sql_for("postgresql") == "SELECT 2");
        const Execute& dialects_only = execute_at(script, 1);
        CHECK(dialects_only.sql.empty());
        CHECK(dialects_only.by_dialect ==
              std::map<std::string, std::string>{{"postgresql", "SELECT 'pg'"},
                                                 {"sqlite", "SELECT 'lite'"}});
        CHECK(dialects_only.line == 4);
    }
    SUBCASE("a quoted SQL text with semicolons inside strings stays one statement") {
        const Script script =
            load_text(dir, "a.yaml",
                      "revision: abc\nupgrade:\n  - execute: \"INSERT INTO t VALUES ('a;b')\"\n");
        CHECK(steps(script.operations(Direction::upgrade, "")) ==
              Steps{{"INSERT INTO t VALUES ('a;b')", 3}});
    }
}

TEST_CASE("A bad YAML revision is rejected with its file and line") {
    SUBCASE("an empty file") { CHECK(load_error("a.yaml", "") == "a.yaml: the file is empty"); }
    SUBCASE("malformed YAML, in yaml-cpp's words") {
        CHECK(load_error("a.yaml", "revision: abc\nupgrade: [\n  - x\n") ==
              "a.yaml:3: illegal block entry");
        CHECK(load_error("a.yaml", "revision: abc\n  message: x\n") ==
              "a.yaml:2: illegal map value");
    }
    SUBCASE("more than one document") {
        CHECK(load_error("a.yaml", "revision: abc\nupgrade: []\n---\nrevision: def\n") ==
              "a.yaml:4: more than one YAML document; a revision file holds one");
    }
    SUBCASE("a stray ',' where a document starts, which hangs yaml-cpp 0.7's LoadAll") {
        CHECK(load_error("a.yaml", ",") == "a.yaml:1: no YAML node can start here");
        CHECK(load_error("a.yaml", "\n\n,[<<: ev>") == "a.yaml:3: no YAML node can start here");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade: []\n---\n,\n") ==
              "a.yaml:4: more than one YAML document; a revision file holds one");
    }
    SUBCASE("a document that is not a map") {
        CHECK(
            load_error("a.yaml", "- revision: abc\n") ==
            "a.yaml:1: a YAML revision must be a map of keys (revision, upgrade, ...), not a list");
    }
    SUBCASE("no revision, or no upgrade") {
        CHECK(load_error("a.yaml", "message: hi\nupgrade: []\n") ==
              "a.yaml: no 'revision' in the file");
        CHECK(load_error("a.yaml", "# just a comment\n") == "a.yaml: no 'revision' in the file");
        CHECK(load_error("a.yaml", "revision: abc\n") == "a.yaml: no 'upgrade' in the file");
    }
    SUBCASE("an unknown key") {
        CHECK(load_error("a.yaml", with_keys("messages: hi")) ==
              "a.yaml:3: unknown key 'messages' (expected revision, down_revision, branch_labels, "
              "depends_on, message, create_date, transactional, allow, upgrade or downgrade)");
    }
    SUBCASE("a key given twice") {
        CHECK(load_error("a.yaml", with_keys("message: a\nmessage: b")) ==
              "a.yaml:4: key 'message' appears twice (first on line 3)");
    }
    SUBCASE("values of the wrong type") {
        CHECK(load_error("a.yaml", "revision: [abc]\nupgrade: []\n") ==
              "a.yaml:1: 'revision' must be a revision id, not a list");
        CHECK(load_error("a.yaml", "revision:\nupgrade: []\n") ==
              "a.yaml:1: a revision id is empty");
        CHECK(load_error("a.yaml", with_keys("down_revision: {a: b}")) ==
              "a.yaml:3: 'down_revision' must be null, a revision id or a list of them, not a map");
        CHECK(load_error("a.yaml", with_keys("down_revision: [a, [b]]")) ==
              "a.yaml:3: 'down_revision' must be null, a revision id or a list of them, but an "
              "entry is a list");
        CHECK(load_error("a.yaml", with_keys("branch_labels: {a: 1}")) ==
              "a.yaml:3: 'branch_labels' must be a branch label or a list of them, not a map");
        CHECK(load_error("a.yaml", with_keys("message: [a]")) ==
              "a.yaml:3: 'message' must be text, not a list");
        CHECK(load_error("a.yaml", with_keys("create_date: {a: 1}")) ==
              "a.yaml:3: 'create_date' must be a date, not a map");
        CHECK(load_error("a.yaml", with_keys("transactional: yes")) ==
              "a.yaml:3: 'transactional' must be true or false, not 'yes'");
        CHECK(load_error("a.yaml", with_keys("transactional: [true]")) ==
              "a.yaml:3: 'transactional' must be true or false, not a list");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade: DROP TABLE x\n") ==
              "a.yaml:2: 'upgrade' must be a list of steps, not text");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade: []\ndowngrade: {a: 1}\n") ==
              "a.yaml:3: 'downgrade' must be a list of steps, not a map");
    }
    SUBCASE("a revision id that is not a plain token") {
        CHECK(load_error("a.yaml", "revision: ab.c\nupgrade: []\n") ==
              "a.yaml:1: revision id 'ab.c' may hold only letters, digits and '_'");
        CHECK(load_error("a.yaml", with_keys("down_revision: [abc, 'x y']")) ==
              "a.yaml:3: revision id 'x y' may hold only letters, digits and '_'");
        CHECK(load_error("a.yaml", with_keys("depends_on: ['@x']")) ==
              "a.yaml:3: depends_on entry '@x' may hold only letters, digits, '_', '.' and '-' "
              "(and start with a letter, digit or '_')");
    }
    SUBCASE("a step that is not one operation") {
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - DROP TABLE x\n") ==
              "a.yaml:3: a step must be a map of one operation to its arguments, like "
              "'- execute: SQL', not text");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - create_index:\n    name: ix\n") ==
              "a.yaml:3: a step holds 2 keys ('create_index', 'name'); each step is one operation "
              "(check the indentation of its arguments)");
    }
    SUBCASE("an unknown operation") {
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - exec: SELECT 1\n") ==
              "a.yaml:3: unknown operation 'exec' (expected add_column, alter_column, bulk_insert, "
              "create_check_constraint, create_foreign_key, create_index, create_primary_key, "
              "create_table, create_unique_constraint, drop_column, drop_constraint, drop_index, "
              "drop_table, execute, rename_table)");
    }
    SUBCASE("a portable operation with a key missing") {
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - execute: SELECT 1\n"
                                   "  - create_table:\n      name: accounts\n") ==
              "a.yaml:4: 'create_table' needs 'columns'");
        CHECK(load_error("a.yaml",
                         "revision: abc\nupgrade: []\ndowngrade:\n  - drop_table: {schema: a}\n") ==
              "a.yaml:4: 'drop_table' needs 'name'");
    }
    SUBCASE("a bad execute") {
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - execute: [SELECT 1]\n") ==
              "a.yaml:3: 'execute' must be SQL text or a map of sql, postgresql, sqlite to SQL "
              "text, not a list");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - execute:\n") ==
              "a.yaml:3: 'execute' must be SQL text or a map of sql, postgresql, sqlite to SQL "
              "text, not null");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - execute: \"-- nothing\"\n") ==
              "a.yaml:3: 'execute' holds no SQL");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - execute: {}\n") ==
              "a.yaml:3: 'execute' needs sql or a dialect (postgresql, sqlite)");
        CHECK(load_error("a.yaml",
                         "revision: abc\nupgrade:\n  - execute:\n      mysql: SELECT 1\n") ==
              "a.yaml:4: unknown key 'mysql' in 'execute' (expected sql, postgresql, sqlite)");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - execute:\n      sqlite: [x]\n") ==
              "a.yaml:4: 'sqlite' in 'execute' must be SQL text, not a list");
        CHECK(load_error("a.yaml", "revision: abc\nupgrade:\n  - execute:\n      sqlite: |\n"
                                   "        SELECT 1;\n        SELECT 2;\n") ==
              "a.yaml:6: 'execute' sqlite holds 2 statements; a per-dialect execute takes one "
              "(write one step per statement)");
        CHECK(load_error("a.yaml",
                         "revision: abc\nupgrade:\n  - execute: |\n      SELECT 1;\n"
                         "      SELECT 'x;\n") == "a.yaml:5: unterminated string literal");
    }
}
