#include "tests/engine/lint/lint_test_support.hpp"

// Table rewrites: type changes, defaults, VACUUM FULL, CLUSTER; decided by
// the statement, the target's PostgreSQL version, or the dry run's trace.

using namespace fleet::test::lint;
using fleet::engine::lint::lint_revision;
using Names = std::vector<std::string>;

TEST_CASE("a type change that is not binary-coercible is a rewrite; widening a varchar is not") {
    auto r = sql_revision({"ALTER TABLE orders ALTER COLUMN total TYPE bigint"});
    add_table(r.before, "orders",
              {{"id", "bigint"},
               {"total", "integer"},
               {"note", "varchar(50)"},
               {"price", "numeric(10,2)"}});
    const auto findings = lint_revision(r);
    CHECK(rules_of(findings) == Names{"rewrite-type-change"});
    CHECK(findings[0].severity == fleet::engine::lint::Severity::error);
    CHECK(findings[0].line == 10);
    CHECK(findings[0].what.find("int4 to int8") != std::string::npos);
    CHECK(findings[0].safe.find("new column") != std::string::npos);

    SUBCASE("varchar(50) to varchar(100), to text, numeric precision raised: no rewrite") {
        for (const char* sql : {"ALTER TABLE orders ALTER COLUMN note TYPE varchar(100)",
                                "ALTER TABLE orders ALTER COLUMN note TYPE text",
                                "ALTER TABLE orders ALTER COLUMN price TYPE numeric(12, 2)"}) {
            CAPTURE(sql);
            r.statements = sql_revision({sql}).statements;
            CHECK(lint_revision(r).empty());
        }
    }
    SUBCASE("a narrowing change rewrites and warns that values may not fit") {
        r.statements =
            sql_revision({"ALTER TABLE orders ALTER COLUMN note TYPE varchar(20)"}).statements;
        CHECK(rules_of(lint_revision(r)) == Names{"rewrite-type-change", "narrow-type"});
    }
    SUBCASE("a table created in the same revision holds no rows") {
        r.statements = sql_revision({"CREATE TABLE fresh (a int)",
                                     "ALTER TABLE fresh ALTER COLUMN a TYPE bigint"})
                           .statements;
        CHECK(lint_revision(r).empty());
    }
}

TEST_CASE("an old type the rules cannot see is judged by the new one") {
    // Made by SQL in an earlier revision: to text is a relabel from any
    // string type, anything else is assumed to rewrite.
    CHECK(lint_revision(sql_revision({"ALTER TABLE t ALTER COLUMN c TYPE text"})).empty());
    CHECK(rules_of(lint_revision(sql_revision({"ALTER TABLE t ALTER COLUMN c TYPE bigint"}))) ==
          Names{"rewrite-type-change"});
}

TEST_CASE("a volatile default rewrites the table; a constant or stable one does not") {
    CHECK(rules_of(lint_revision(sql_revision(
              {"ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()"}))) ==
          Names{"rewrite-volatile-default"});
    CHECK(rules_of(lint_revision(sql_revision({"ALTER TABLE users ADD COLUMN n bigserial"}))) ==
          Names{"rewrite-volatile-default"});
    CHECK(lint_revision(sql_revision({"ALTER TABLE users ADD COLUMN plan text DEFAULT 'free'"}))
              .empty());
    CHECK(
        lint_revision(sql_revision({"ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT now()"}))
            .empty());
    SUBCASE("the safe way: add without a default, then SET DEFAULT for new rows") {
        CHECK(lint_revision(sql_revision({"ALTER TABLE users ADD COLUMN token uuid",
                                          "ALTER TABLE users ALTER COLUMN token SET DEFAULT "
                                          "gen_random_uuid()"}))
                  .empty());
    }
}

TEST_CASE("a constant default rewrites before PostgreSQL 11, decided per target") {
    const auto r = sql_revision({"ALTER TABLE users ADD COLUMN plan text DEFAULT 'free'"});
    const auto old_server = target("users", 500'000, 80LL << 20, 100'000);
    const auto findings = lint_revision(r, nullptr, &old_server);
    CHECK(rules_of(findings) == Names{"rewrite-constant-default"});
    CHECK(findings[0].target == "production/t-acme");
    CHECK(findings[0].rows == 500'000);
    const auto new_server = target("users", 500'000, 80LL << 20, 150'000);
    CHECK(lint_revision(r, nullptr, &new_server).empty());
    CHECK(lint_revision(r).empty()); // no facts: PostgreSQL 11 or later assumed
}

TEST_CASE("VACUUM FULL and CLUSTER rewrite the table; a plain VACUUM does not") {
    CHECK(rules_of(lint_revision(sql_revision({"VACUUM FULL orders"}, false))) ==
          Names{"vacuum-full"});
    CHECK(rules_of(lint_revision(sql_revision({"CLUSTER orders USING ix_orders_date"}))) ==
          Names{"cluster"});
    CHECK(lint_revision(sql_revision({"VACUUM orders"}, false)).empty());
    CHECK(lint_revision(
              sql_revision({"VACUUM FULL orders"}, false), nullptr,
              &static_cast<const fleet::engine::lint::TargetFacts&>(target("orders", 0, 8192)))
              .empty());
}

TEST_CASE("with a trace, the dry run decides what was rewritten") {
    fleet::engine::lint::RevisionTrace trace;
    trace.revision = "b1";
    trace.traced = true;

    SUBCASE("a rewrite hidden in a DO block is caught") {
        const auto r = sql_revision({"DO $$ BEGIN EXECUTE 'ALTER TABLE orders ALTER COLUMN total "
                                     "TYPE bigint'; END $$"});
        CHECK(lint_revision(r).empty()); // the parser cannot see into it
        trace.statements = {{10, r.statements[0].sql, {}, {"public.orders"}}};
        const auto facts = target("orders", 12'400'000, 3'300'000'000LL);
        const auto findings = lint_revision(r, &trace, &facts);
        REQUIRE(rules_of(findings) == Names{"table-rewrite"});
        CHECK(findings[0].table == "orders");
        CHECK(findings[0].target == "production/t-acme");
        CHECK(findings[0].what.find("orders, 12.4M rows, 3.1 GB, on production/t-acme") !=
              std::string::npos);
        CHECK(findings[0].what.find("ACCESS EXCLUSIVE") != std::string::npos);
    }
    SUBCASE("a change the rules judged a rewrite passes when the trace saw none") {
        const auto r = sql_revision({"ALTER TABLE t ALTER COLUMN c TYPE varchar(200)"});
        CHECK(rules_of(lint_revision(r)) == Names{"rewrite-type-change"});
        trace.statements = {{10, r.statements[0].sql, {}, {}}};
        CHECK(lint_revision(r, &trace).empty());
    }
    SUBCASE("a change the rules judged safe is flagged when the trace saw a rewrite") {
        const auto r = sql_revision({"ALTER TABLE t ALTER COLUMN c TYPE text"});
        trace.statements = {{10, r.statements[0].sql, {}, {"t"}}};
        CHECK(rules_of(lint_revision(r, &trace)) == Names{"rewrite-type-change"});
    }
    SUBCASE("an untraced revision falls back on the rules' judgement") {
        trace.traced = false;
        const auto r = sql_revision({"ALTER TABLE t ALTER COLUMN c TYPE bigint"});
        CHECK(rules_of(lint_revision(r, &trace)) == Names{"rewrite-type-change"});
    }
}
