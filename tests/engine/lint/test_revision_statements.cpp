#include "engine/lint/revision_statements.hpp"

#include "engine/error.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

// A revision's statements as the rules read them: SQL as written with its
// lines, YAML rendered by the dialect against the schema before it.

namespace {

using namespace fleet::engine;
using fleet::plugins::postgres::PostgresDialect;
using fleet::plugins::sqlite::SqliteDialect;

struct StatementsProject {
    fleet::test::TempDir dir;
    void write(const std::string& name, const std::string& text) const {
        dir.write("m/versions/" + name, text);
    }
    script::ScriptDirectory load() const { return script::ScriptDirectory::load(dir.path() / "m"); }
};

const char* const k_accounts = R"(revision: a1
down_revision: null
upgrade:
  - create_table:
      name: accounts
      columns:
        - {name: id, type: bigint, primary_key: true}
        - {name: email, type: varchar(50)}
)";

} // namespace

TEST_CASE("a SQL revision gives its statements as written, each with its line") {
    StatementsProject p;
    p.write("b1.sql", "-- revision: b1\n-- down_revision:\n\n-- +upgrade\n"
                      "CREATE TABLE t (id int);\n\n"
                      "CREATE INDEX ix ON t (id);\n"
                      "-- +downgrade\nDROP TABLE t;\n");
    const auto scripts = p.load();
    const auto statements = lint::revision_statements(scripts, "b1", PostgresDialect::instance());
    REQUIRE(statements.size() == 2);
    CHECK(statements[0].sql == "CREATE TABLE t (id int)");
    CHECK(statements[0].line == 5);
    CHECK(statements[0].operation == "execute");
    CHECK(statements[1].sql == "CREATE INDEX ix ON t (id)");
    CHECK(statements[1].line == 7);
}

TEST_CASE("a SQL revision's own section for the dialect is the one read") {
    StatementsProject p;
    p.write("b1.sql", "-- revision: b1\n\n-- +upgrade\nSELECT 1;\n"
                      "-- +upgrade sqlite\nSELECT 2;\n");
    const auto scripts = p.load();
    CHECK(lint::revision_statements(scripts, "b1", SqliteDialect::instance()).at(0).sql ==
          "SELECT 2");
    CHECK(lint::revision_statements(scripts, "b1", PostgresDialect::instance()).at(0).sql ==
          "SELECT 1");
}

TEST_CASE("a YAML revision is rendered against the schema before it, keeping each step's line "
          "and operation") {
    StatementsProject p;
    p.write("a1.yaml", k_accounts);
    p.write("b1.yaml", R"(revision: b1
down_revision: a1
upgrade:
  - alter_column: {table: accounts, column: email, type: text}
  - create_index: {name: ix_accounts_email, table: accounts, columns: [email],
                   postgresql_concurrently: true}
)");
    const auto scripts = p.load();
    const auto statements = lint::revision_statements(scripts, "b1", PostgresDialect::instance());
    REQUIRE(statements.size() == 2);
    CHECK(statements[0].sql == "ALTER TABLE accounts ALTER COLUMN email TYPE TEXT");
    CHECK(statements[0].line == 4);
    CHECK(statements[0].operation == "alter_column");
    CHECK_FALSE(statements[0].outside_transaction);
    CHECK(statements[1].line == 5);
    CHECK(statements[1].operation == "create_index");
    CHECK(statements[1].outside_transaction);

    SUBCASE("on SQLite, a change ALTER TABLE cannot make is the table's rebuild") {
        const auto rebuilt = lint::revision_statements(scripts, "b1", SqliteDialect::instance());
        REQUIRE(rebuilt.size() > 2);
        CHECK(rebuilt.front().line == 4);
        CHECK(rebuilt.front().operation == "alter_column");
    }
}

TEST_CASE("an unknown revision is a revision error") {
    StatementsProject p;
    p.write("a1.yaml", k_accounts);
    const auto scripts = p.load();
    CHECK_THROWS_AS(lint::revision_statements(scripts, "zz", PostgresDialect::instance()),
                    fleet::RevisionError);
}
