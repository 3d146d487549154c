#include "tests/engine/lint/lint_test_support.hpp"

// Destructive and backward-incompatible changes (warnings), and whole-table
// writes on large tables.

using namespace fleet::test::lint;
using fleet::engine::lint::lint_revision;
using fleet::engine::lint::Severity;
using Names = std::vector<std::string>;

TEST_CASE("dropping a table or a column is a warning; what the revision made is not") {
    const auto dropped = lint_revision(sql_revision({"DROP TABLE audit_log"}));
    REQUIRE(rules_of(dropped) == Names{"drop-table"});
    CHECK(dropped[0].severity == Severity::warning);
    CHECK(rules_of(lint_revision(sql_revision({"ALTER TABLE users DROP COLUMN legacy"}))) ==
          Names{"drop-column"});
    CHECK(lint_revision(sql_revision({"CREATE TABLE scratch (a int)", "DROP TABLE scratch"}))
              .empty());
    CHECK(lint_revision(
              sql_revision({"CREATE TABLE t (a int, b int)", "ALTER TABLE t DROP COLUMN b"}))
              .empty());
    CHECK(lint_revision(sql_revision({"ALTER TABLE users ADD COLUMN note text"})).empty());
}

TEST_CASE("renaming a table or a column breaks running code: a warning") {
    CHECK(rules_of(lint_revision(sql_revision({"ALTER TABLE users RENAME TO accounts"}))) ==
          Names{"rename-table"});
    CHECK(rules_of(lint_revision(sql_revision(
              {"ALTER TABLE users RENAME COLUMN name TO full_name"}))) == Names{"rename-column"});
    CHECK(lint_revision(sql_revision({"CREATE TABLE staging (a int)",
                                      "ALTER TABLE staging RENAME COLUMN a TO b",
                                      "ALTER TABLE staging RENAME TO final"}))
              .empty());
}

TEST_CASE("a narrowing type change warns that values may not fit") {
    auto r = sql_revision({"ALTER TABLE users ALTER COLUMN age TYPE smallint"});
    add_table(r.before, "users", {{"age", "integer"}});
    CHECK(rules_of(lint_revision(r)) == Names{"rewrite-type-change", "narrow-type"});
    r.statements = sql_revision({"ALTER TABLE users ALTER COLUMN age TYPE bigint"}).statements;
    CHECK(rules_of(lint_revision(r)) == Names{"rewrite-type-change"});
}

TEST_CASE("an UPDATE or DELETE of every row of a large table is an error") {
    CHECK(rules_of(lint_revision(sql_revision({"UPDATE users SET plan = 'free'"}))) ==
          Names{"whole-table-write"});
    CHECK(rules_of(lint_revision(sql_revision({"DELETE FROM events"}))) ==
          Names{"whole-table-write"});
    CHECK(
        lint_revision(sql_revision({"UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 1000"}))
            .empty());
    CHECK(lint_revision(sql_revision({"CREATE TABLE t (a int)", "INSERT INTO t VALUES (1)",
                                      "UPDATE t SET a = 2"}))
              .empty());
    SUBCASE("per target: a small table passes, 500,000 rows is an error") {
        const auto small = target("users", 2'000, 1LL << 20);
        CHECK(lint_revision(sql_revision({"UPDATE users SET plan = 'free'"}), nullptr, &small)
                  .empty());
        const auto big = target("users", 500'000, 200LL << 20);
        const auto findings =
            lint_revision(sql_revision({"UPDATE users SET plan = 'free'"}), nullptr, &big);
        REQUIRE(rules_of(findings) == Names{"whole-table-write"});
        CHECK(findings[0].target == "production/t-acme");
    }
}

TEST_CASE("SQL the parser cannot read raises nothing without a trace") {
    CHECK(lint_revision(sql_revision({"ALTER TABLE t FROBNICATE"})).empty());
}
