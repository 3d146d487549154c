#include "engine/error.hpp"
#include "engine/lint/waivers.hpp"
#include "engine/runtime/schema_replay.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "tests/engine/lint/lint_test_support.hpp"
#include "tests/support/temp_dir.hpp"

// Waivers: `-- fleet:allow RULE reason` in SQL, `allow: [{rule, reason}]` in
// YAML, kept on the script with their lines; refused without a reason or
// for a rule not in the catalog; a waived finding is still reported.

using namespace fleet::test::lint;
using fleet::engine::lint::lint_revision;
using fleet::engine::script::ScriptDirectory;
using fleet::engine::script::Waiver;

namespace {

struct WaiverProject {
    fleet::test::TempDir dir;
    ScriptDirectory load(const std::string& name, const std::string& text) const {
        dir.write("m/versions/" + name, text);
        return ScriptDirectory::load(dir.path() / "m");
    }
    std::string path(const std::string& name) const {
        return (dir.path() / "m" / "versions" / name).string();
    }
};

// The message of the InputError `load` throws ("" when it throws none).
template <typename Load> std::string input_error(Load load) {
    try {
        load();
    } catch (const fleet::InputError& error) {
        return error.what();
    }
    return {};
}

} // namespace

TEST_CASE("a SQL revision's waivers are read with their lines, in the header or a section") {
    WaiverProject p;
    const auto scripts =
        p.load("b1.sql", "-- revision: b1\n"
                         "-- fleet:allow drop-table the table was emptied in 2025\n"
                         "\n-- +upgrade\n"
                         "-- fleet:allow create-index-locks-writes  holds 10 rows\n"
                         "DROP TABLE old_audit;\n");
    const auto& waivers = scripts.find("b1")->waivers;
    CHECK(waivers == std::vector<Waiver>{{"drop-table", "the table was emptied in 2025", 2},
                                         {"create-index-locks-writes", "holds 10 rows", 5}});
    CHECK(scripts.find("b1")
              ->operations(fleet::engine::script::Direction::upgrade, "postgresql")
              .size() == 1);
}

TEST_CASE("a YAML revision's waivers are its allow list") {
    WaiverProject p;
    const auto scripts = p.load("b1.yaml", "revision: b1\n"
                                           "allow:\n"
                                           "  - {rule: drop-column, reason: nothing reads it}\n"
                                           "upgrade:\n"
                                           "  - execute: ALTER TABLE t DROP COLUMN c\n");
    CHECK(scripts.find("b1")->waivers ==
          std::vector<Waiver>{{"drop-column", "nothing reads it", 3}});
}

TEST_CASE("a waiver without a reason or a rule is an input error naming file and line") {
    WaiverProject p;
    CHECK(input_error([&] {
              p.load("b1.sql",
                     "-- revision: b1\n-- +upgrade\n-- fleet:allow drop-table\nSELECT 1;\n");
          }) == p.path("b1.sql") + ":3: the waiver of 'drop-table' gives no reason: write '-- "
                                   "fleet:allow drop-table why it is safe here'");
    WaiverProject q;
    CHECK(input_error([&] {
              q.load("b1.sql", "-- revision: b1\n-- fleet:allow\n-- +upgrade\n");
          }).find(q.path("b1.sql") + ":2: '-- fleet:allow' names no rule") == 0);
    WaiverProject y;
    CHECK(input_error([&] {
              y.load("b1.yaml", "revision: b1\nallow:\n  - {rule: drop-column}\nupgrade: []\n");
          }).find(y.path("b1.yaml") + ":3: the waiver of 'drop-column' gives no reason") == 0);
    WaiverProject z;
    CHECK(input_error([&] {
              z.load("b1.yaml",
                     "revision: b1\nallow:\n  - {rule: x, reason: y, why: z}\nupgrade: []\n");
          }).find("unknown key 'why'") != std::string::npos);
}

TEST_CASE("a waiver naming a rule not in the catalog is an input error naming file and line") {
    WaiverProject p;
    const auto scripts = p.load("b1.sql", "-- revision: b1\n-- +upgrade\n"
                                          "-- fleet:allow drop-tables typo in the id\nSELECT 1;\n");
    const std::string message = input_error([&] { fleet::engine::lint::check_waivers(scripts); });
    CHECK(message.find(p.path("b1.sql") + ":3: the waiver names no lint rule 'drop-tables'") == 0);
    fleet::engine::runtime::SchemaReplay replay(scripts, "postgresql");
    CHECK_THROWS_AS(
        fleet::engine::lint::revision_to_lint(
            scripts, "b1", fleet::plugins::postgres::PostgresDialect::instance(), replay),
        fleet::InputError);
    auto r = sql_revision({"SELECT 1"});
    r.waivers = {{"no-such-rule", "because", 4}};
    CHECK_THROWS_AS(lint_revision(r), fleet::InputError);
}

TEST_CASE("a waived finding is still reported, with the waiver's reason") {
    auto r = sql_revision({"DROP TABLE old_audit", "ALTER TABLE users RENAME TO accounts"});
    r.waivers = {{"drop-table", "emptied and unused since 2025", 2}};
    const auto findings = lint_revision(r);
    REQUIRE(rules_of(findings) == std::vector<std::string>{"drop-table", "rename-table"});
    CHECK(findings[0].waived == "emptied and unused since 2025");
    CHECK(findings[1].waived.empty());
}
