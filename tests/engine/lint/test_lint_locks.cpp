#include "tests/engine/lint/lint_test_support.hpp"

// ACCESS EXCLUSIVE over a scan, index builds, CONCURRENTLY, NOT VALID and
// VALIDATE, lock_timeout and the transactions open on a target.

using namespace fleet::test::lint;
using fleet::engine::lint::lint_revision;
using fleet::engine::lint::Severity;
using fleet::engine::lint::TargetFacts;
using Names = std::vector<std::string>;

TEST_CASE("SET NOT NULL scans unless a valid CHECK proves the column") {
    CHECK(rules_of(
              lint_revision(sql_revision({"ALTER TABLE users ALTER COLUMN email SET NOT NULL"}))) ==
          Names{"set-not-null-scan"});
    SUBCASE("a valid CHECK on the target proves it (PostgreSQL 12+)") {
        auto facts = target("users", 500'000, 1LL << 30);
        facts.tables["users"].not_null_proven = {"email"};
        const auto r = sql_revision({"ALTER TABLE users ALTER COLUMN email SET NOT NULL"});
        CHECK(lint_revision(r, nullptr, &facts).empty());
        facts.server_version = 110'000;
        CHECK(rules_of(lint_revision(r, nullptr, &facts)) == Names{"set-not-null-scan"});
    }
    SUBCASE("a CHECK the YAML revisions made proves it") {
        auto r = sql_revision({"ALTER TABLE users ALTER COLUMN email SET NOT NULL"});
        add_table(r.before, "users", {{"id", "bigint"}, {"email", "text"}});
        fleet::engine::ops::CreateCheckConstraint check;
        check.table = "users";
        check.check = {"ck_users_email", "email IS NOT NULL"};
        r.before.apply(check, "versions/a2.yaml");
        CHECK(lint_revision(r).empty());
    }
    SUBCASE("an empty table on the target passes") {
        const auto facts = target("users", 0, 8192);
        CHECK(lint_revision(sql_revision({"ALTER TABLE users ALTER COLUMN email SET NOT NULL"}),
                            nullptr, &facts)
                  .empty());
    }
}

TEST_CASE("adding a CHECK or a FOREIGN KEY validates every row unless NOT VALID") {
    CHECK(rules_of(lint_revision(
              sql_revision({"ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0)"}))) ==
          Names{"add-check-scan"});
    CHECK(lint_revision(
              sql_revision(
                  {"ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID"}))
              .empty());
    CHECK(rules_of(
              lint_revision(sql_revision({"ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY "
                                          "(user_id) REFERENCES users (id)",
                                          "CREATE INDEX CONCURRENTLY ix_orders_user ON orders "
                                          "(user_id)"},
                                         false))) == Names{"add-foreign-key-scan"});
    CHECK(
        lint_revision(sql_revision({"ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY "
                                    "(user_id) REFERENCES users (id) NOT VALID",
                                    "CREATE INDEX CONCURRENTLY ix_orders_user ON orders (user_id)"},
                                   false))
            .empty());
}

TEST_CASE("UNIQUE or PRIMARY KEY builds its index under ACCESS EXCLUSIVE unless USING INDEX") {
    CHECK(rules_of(lint_revision(
              sql_revision({"ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE (email)"}))) ==
          Names{"add-unique-scan"});
    CHECK(rules_of(lint_revision(sql_revision({"ALTER TABLE users ADD PRIMARY KEY (id)"}))) ==
          Names{"add-unique-scan"});
    CHECK(
        lint_revision(sql_revision({"ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE USING INDEX "
                                    "ix_users_email"}))
            .empty());
}

TEST_CASE("CREATE INDEX without CONCURRENTLY is an error where the table has rows") {
    const auto r = sql_revision({"CREATE INDEX ix_orders_date ON orders (created_at)"});
    CHECK(rules_of(lint_revision(r)) == Names{"create-index-locks-writes"});
    SUBCASE("per target: 500,000 rows is an error naming them, an empty table passes") {
        const auto big = target("orders", 500'000, 96LL << 20);
        const auto findings = lint_revision(r, nullptr, &big);
        REQUIRE(rules_of(findings) == Names{"create-index-locks-writes"});
        CHECK(findings[0].target == "production/t-acme");
        CHECK(findings[0].rows == 500'000);
        CHECK(findings[0].bytes == 96LL << 20);
        CHECK(findings[0].table == "orders");
        CHECK(findings[0].what.find("orders, 500K rows, 96.0 MB, on production/t-acme") !=
              std::string::npos);
        const auto empty = target("orders", 0, 8192);
        CHECK(lint_revision(r, nullptr, &empty).empty());
    }
    SUBCASE("per target: a small table is a warning, also when only its size is known") {
        const auto small = target("orders", 40, 64LL << 10);
        auto findings = lint_revision(r, nullptr, &small);
        REQUIRE(rules_of(findings) == Names{"create-index-locks-writes"});
        CHECK(findings[0].severity == Severity::warning);
        CHECK(findings[0].what.find("the lock is held briefly") != std::string::npos);
        const auto never_analysed = target("orders", -1, 2LL << 20);
        findings = lint_revision(r, nullptr, &never_analysed);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].severity == Severity::warning);
        const auto unknown_size = target("orders", -1, -1);
        findings = lint_revision(r, nullptr, &unknown_size);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].severity == Severity::error);
    }
    SUBCASE("per target: a table the target lacks is made by an earlier revision of the run") {
        auto other = target("customers", 500'000, 96LL << 20);
        CHECK(lint_revision(r, nullptr, &other).empty());
    }
    SUBCASE("an index on a table created in the same revision passes") {
        CHECK(lint_revision(sql_revision({"CREATE TABLE orders (id bigint, created_at timestamptz)",
                                          "CREATE INDEX ix_orders_date ON orders (created_at)"}))
                  .empty());
    }
    SUBCASE("CONCURRENTLY outside a transaction passes") {
        CHECK(lint_revision(
                  sql_revision({"CREATE INDEX CONCURRENTLY ix ON orders (created_at)"}, false))
                  .empty());
    }
}

TEST_CASE("DROP INDEX without CONCURRENTLY locks its table") {
    CHECK(rules_of(lint_revision(sql_revision({"DROP INDEX ix_orders_date"}))) ==
          Names{"drop-index-locks-table"});
    CHECK(lint_revision(sql_revision({"DROP INDEX CONCURRENTLY ix_orders_date"}, false)).empty());
    CHECK(lint_revision(sql_revision({"CREATE TABLE t (a int)", "CREATE INDEX ix_t ON t (a)",
                                      "DROP INDEX ix_t"}))
              .empty());
}

TEST_CASE("CONCURRENTLY inside a transaction fails the revision") {
    CHECK(rules_of(lint_revision(sql_revision({"CREATE INDEX CONCURRENTLY ix ON orders (a)"},
                                              true))) == Names{"concurrently-in-transaction"});
    CHECK(rules_of(lint_revision(sql_revision({"BEGIN", "DROP INDEX CONCURRENTLY ix", "COMMIT"},
                                              false))) == Names{"concurrently-in-transaction"});
    SUBCASE("a YAML step that must run outside a transaction makes the revision run so") {
        auto r = sql_revision({"CREATE INDEX CONCURRENTLY ix ON orders (a)"}, true);
        r.statements[0].outside_transaction = true;
        CHECK(lint_revision(r).empty());
    }
}

TEST_CASE("VALIDATE CONSTRAINT in the transaction of its NOT VALID add keeps the lock") {
    CHECK(rules_of(
              lint_revision(sql_revision({"ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) "
                                          "NOT VALID",
                                          "ALTER TABLE orders VALIDATE CONSTRAINT ck"}))) ==
          Names{"validate-in-same-transaction"});
    SUBCASE("the next revision, or a statement of its own outside a transaction, passes") {
        CHECK(lint_revision(sql_revision({"ALTER TABLE orders VALIDATE CONSTRAINT ck"})).empty());
        CHECK(lint_revision(sql_revision({"ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) "
                                          "NOT VALID",
                                          "ALTER TABLE orders VALIDATE CONSTRAINT ck"},
                                         false))
                  .empty());
    }
}

TEST_CASE("a lock-taking statement needs a lock_timeout in force") {
    const auto r = sql_revision({"ALTER TABLE users DROP COLUMN legacy"});
    auto facts = target("users", 10, 8192);
    facts.statement_lock_timeout = std::chrono::milliseconds(0);
    const auto findings = lint_revision(r, nullptr, &facts);
    CHECK(rules_of(findings) == Names{"drop-column", "missing-lock-timeout"});
    SUBCASE("fleet's statement_lock_timeout counts") {
        facts.statement_lock_timeout = std::chrono::milliseconds(5000);
        CHECK(rules_of(lint_revision(r, nullptr, &facts)) == Names{"drop-column"});
    }
    SUBCASE("so does the revision's own SET lock_timeout") {
        const auto own =
            sql_revision({"SET lock_timeout = '2s'", "ALTER TABLE users DROP COLUMN legacy"});
        CHECK(rules_of(lint_revision(own, nullptr, &facts)) == Names{"drop-column"});
    }
    SUBCASE("without facts fleet's default is in force, unless the revision turns it off") {
        CHECK(rules_of(lint_revision(r)) == Names{"drop-column"});
        const auto off =
            sql_revision({"SET lock_timeout = 0", "ALTER TABLE users DROP COLUMN legacy"});
        CHECK(rules_of(lint_revision(off)) == Names{"drop-column", "missing-lock-timeout"});
    }
    SUBCASE("a table the revision creates takes no lock anyone waits on") {
        CHECK(lint_revision(
                  sql_revision({"CREATE TABLE t (a int)", "ALTER TABLE t ADD COLUMN b int"}),
                  nullptr, &facts)
                  .empty());
    }
}

TEST_CASE("a transaction open on the target now is named when the revision takes a lock") {
    auto facts = target("users", 10, 8192);
    facts.open_transactions = {
        {4242, std::chrono::seconds(3600), "idle in transaction", "psql", {}}};
    const auto r = sql_revision({"ALTER TABLE users ADD COLUMN note text"});
    const auto findings = lint_revision(r, nullptr, &facts);
    REQUIRE(rules_of(findings) == Names{"long-transaction-open"});
    CHECK(findings[0].what.find("pid 4242") != std::string::npos);
    CHECK(findings[0].what.find("3600s") != std::string::npos);
    CHECK(findings[0].target == "production/t-acme");
    SUBCASE("CONCURRENTLY blocks no one but waits for it") {
        const auto waits = lint_revision(
            sql_revision({"CREATE INDEX CONCURRENTLY ix_users_name ON users (name)"}, false),
            nullptr, &facts);
        REQUIRE(rules_of(waits) == Names{"long-transaction-open"});
        CHECK(waits[0].what.find("CONCURRENTLY waits") != std::string::npos);
    }
    facts.open_transactions.clear();
    CHECK(lint_revision(r, nullptr, &facts).empty());
    CHECK(lint_revision(sql_revision({"SELECT 1"}), nullptr, &facts).empty());
}

TEST_CASE("a trace's ACCESS EXCLUSIVE lock on an existing table backs the lock rules") {
    const auto r = sql_revision({"SELECT do_the_migration()"});
    auto facts = target("users", 10, 8192);
    facts.statement_lock_timeout = std::chrono::milliseconds(0);
    CHECK(lint_revision(r, nullptr, &facts).empty());
    fleet::engine::lint::RevisionTrace trace;
    trace.traced = true;
    trace.statements = {
        {10, r.statements[0].sql, {{"public.users", "AccessExclusiveLock", true}}, {}}};
    CHECK(rules_of(lint_revision(r, &trace, &facts)) == Names{"missing-lock-timeout"});
    trace.statements[0].locks[0].existed_before = false;
    CHECK(lint_revision(r, &trace, &facts).empty());
}

TEST_CASE("a foreign key needs an index leading with its columns") {
    const auto r = sql_revision({"ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) "
                                 "REFERENCES users (id) NOT VALID"});
    CHECK(rules_of(lint_revision(r)) == Names{"foreign-key-without-index"});
    SUBCASE("an index the target has counts") {
        auto facts = target("orders", 10, 8192);
        facts.tables["orders"].index_columns = {{"user_id", "created_at"}};
        CHECK(lint_revision(r, nullptr, &facts).empty());
    }
    SUBCASE("so does one the revisions made, or a new table's own key") {
        auto with_model = r;
        add_table(with_model.before, "orders", {{"id", "bigint"}, {"user_id", "bigint"}});
        fleet::engine::ops::CreateIndex index;
        index.name = "ix_orders_user";
        index.table = "orders";
        index.columns = {{"user_id", ""}};
        with_model.before.apply(index, "versions/a2.yaml");
        CHECK(lint_revision(with_model).empty());
        CHECK(lint_revision(
                  sql_revision({"CREATE TABLE memberships (user_id bigint REFERENCES users, "
                                "org_id bigint, PRIMARY KEY (user_id, org_id))"}))
                  .empty());
        CHECK(rules_of(lint_revision(sql_revision({"CREATE TABLE memberships (user_id bigint, "
                                                   "org_id bigint REFERENCES orgs, "
                                                   "PRIMARY KEY (user_id, org_id))"}))) ==
              Names{"foreign-key-without-index"});
    }
}

TEST_CASE(
    "REINDEX without CONCURRENTLY blocks writes; CONCURRENTLY must be outside a transaction") {
    CHECK(rules_of(lint_revision(sql_revision({"REINDEX TABLE orders"}))) ==
          Names{"reindex-locks-writes"});
    CHECK(rules_of(lint_revision(sql_revision({"REINDEX INDEX ix_orders_date"}))) ==
          Names{"reindex-locks-writes"});
    CHECK(lint_revision(sql_revision({"REINDEX TABLE CONCURRENTLY orders"}, false)).empty());
    CHECK(rules_of(lint_revision(sql_revision({"REINDEX TABLE CONCURRENTLY orders"}, true))) ==
          Names{"concurrently-in-transaction"});
    SUBCASE("an index the revision made itself holds nothing anyone waits for") {
        CHECK(lint_revision(sql_revision({"CREATE TABLE t (a int)", "CREATE INDEX ix_t ON t (a)",
                                          "REINDEX INDEX ix_t"}))
                  .empty());
    }
}

TEST_CASE("SET TABLESPACE copies a table with rows under ACCESS EXCLUSIVE") {
    CHECK(rules_of(lint_revision(sql_revision({"ALTER TABLE orders SET TABLESPACE archive"}))) ==
          Names{"set-tablespace"});
    CHECK(lint_revision(sql_revision({"CREATE TABLE t (a int)", "ALTER TABLE t SET TABLESPACE x"}))
              .empty());
}

TEST_CASE("a NOT NULL column without a default fails on a table with rows") {
    CHECK(rules_of(
              lint_revision(sql_revision({"ALTER TABLE orders ADD COLUMN tier int NOT NULL"}))) ==
          Names{"add-not-null-without-default"});
    CHECK(lint_revision(sql_revision({"ALTER TABLE orders ADD COLUMN tier int NOT NULL DEFAULT 0"}))
              .empty());
    CHECK(lint_revision(sql_revision({"ALTER TABLE orders ADD COLUMN tier int"})).empty());
    CHECK(lint_revision(
              sql_revision({"CREATE TABLE t (a int)", "ALTER TABLE t ADD COLUMN b int NOT NULL"}))
              .empty());
}
