#include "engine/lint/lint_revision.hpp"

#include "engine/runtime/schema_replay.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "tests/engine/lint/lint_test_support.hpp"
#include "tests/support/temp_dir.hpp"

// SQLite's table rebuild: of a large table, of a table foreign keys point
// into; fleet's own (a YAML operation) and one written by hand.

using namespace fleet::test::lint;
using fleet::engine::lint::lint_revision;
using fleet::engine::lint::revision_to_lint;
using fleet::plugins::sqlite::SqliteDialect;
using Names = std::vector<std::string>;

namespace {

const char* const k_tables = R"(revision: a1
down_revision: null
upgrade:
  - create_table:
      name: accounts
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: email, type: varchar(50)}
  - create_table:
      name: invoices
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: account_id, type: integer, references: {table: accounts, column: id}}
  - create_index: {name: ix_invoices_account, table: invoices, columns: [account_id]}
)";

struct Project {
    fleet::test::TempDir dir;
    Project() { dir.write("m/versions/a1.yaml", k_tables); }
    fleet::engine::lint::RevisionToLint lint_input(const std::string& upgrade) {
        dir.write("m/versions/b1.yaml", "revision: b1\ndown_revision: a1\nupgrade:\n" + upgrade);
        scripts.emplace(fleet::engine::script::ScriptDirectory::load(dir.path() / "m"));
        fleet::engine::runtime::SchemaReplay replay(*scripts, "sqlite");
        return revision_to_lint(*scripts, "b1", SqliteDialect::instance(), replay);
    }
    std::optional<fleet::engine::script::ScriptDirectory> scripts;
};

} // namespace

TEST_CASE("a YAML change SQLite cannot make in place rebuilds the table: flagged where large") {
    Project p;
    const auto r = p.lint_input("  - alter_column: {table: invoices, column: account_id, "
                                "type: bigint}\n");
    const auto findings = lint_revision(r);
    REQUIRE(rules_of(findings) == Names{"sqlite-rebuild-large-table"});
    CHECK(findings[0].line == 4);
    CHECK(findings[0].table == "invoices");
    SUBCASE("per target: a small table passes") {
        auto facts = target("invoices", 300, 64 * 1024);
        facts.dialect = "sqlite";
        CHECK(lint_revision(r, nullptr, &facts).empty());
    }
}

TEST_CASE("rebuilding a table other tables' foreign keys point into is a warning") {
    Project p;
    const auto r = p.lint_input("  - alter_column: {table: accounts, column: email, "
                                "type: varchar(20)}\n");
    CHECK(rules_of(lint_revision(r)) ==
          Names{"narrow-type", "sqlite-rebuild-large-table", "sqlite-rebuild-referenced-table"});
    auto facts = target("accounts", 300, 64 * 1024);
    facts.dialect = "sqlite";
    CHECK(rules_of(lint_revision(r, nullptr, &facts)) ==
          Names{"narrow-type", "sqlite-rebuild-referenced-table"});
}

TEST_CASE("a change SQLite makes in place rebuilds nothing") {
    Project p;
    CHECK(lint_revision(p.lint_input("  - add_column: {table: accounts, column: {name: note, "
                                     "type: text}}\n"))
              .empty());
}

TEST_CASE("a rebuild written by hand is found too") {
    const auto r =
        sql_revision({"CREATE TABLE accounts_new (id INTEGER PRIMARY KEY, email TEXT)",
                      "INSERT INTO accounts_new SELECT id, email FROM accounts",
                      "DROP TABLE accounts", "ALTER TABLE accounts_new RENAME TO accounts"},
                     true, "sqlite");
    const auto findings = lint_revision(r);
    REQUIRE(rules_of(findings) == Names{"sqlite-rebuild-large-table"});
    CHECK(findings[0].line == 12); // the DROP
    SUBCASE("PostgreSQL's rules stay out of a SQLite revision and the other way round") {
        auto on_postgres = r;
        on_postgres.dialect = "postgresql";
        CHECK(lint_revision(on_postgres).empty());
        CHECK(lint_revision(sql_revision({"CREATE INDEX ix ON accounts (email)"}, true, "sqlite"))
                  .empty());
    }
}

TEST_CASE("a table made in SQLite's own words is known to be new") {
    CHECK(lint_revision(sql_revision({"CREATE TABLE scratch (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                      "v TEXT) STRICT",
                                      "UPDATE scratch SET v = ''", "DROP TABLE scratch"},
                                     true, "sqlite"))
              .empty());
}
