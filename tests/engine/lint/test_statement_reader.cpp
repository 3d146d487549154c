#include "engine/lint/statement_facts.hpp"

#include <doctest/doctest.h>

// SQL read with PostgreSQL's parser into the facts the rules look at.

namespace {

using namespace fleet::engine::lint;
using Kind = StatementFacts::Kind;
using Action = AlterAction::Kind;

StatementFacts one(const std::string& sql) {
    auto facts = read_statements(sql);
    REQUIRE(facts.size() == 1);
    return facts.front();
}

} // namespace

TEST_CASE("ALTER TABLE subcommands are read one by one") {
    const auto facts = one("ALTER TABLE orders ADD COLUMN x int DEFAULT random() NOT NULL, "
                           "ALTER COLUMN y TYPE varchar(100) USING y::text, "
                           "ALTER COLUMN z SET NOT NULL, DROP COLUMN w, "
                           "ALTER COLUMN v SET DEFAULT now()");
    CHECK(facts.kind == Kind::alter_table);
    CHECK(facts.table == "orders");
    REQUIRE(facts.actions.size() == 5);
    CHECK(facts.actions[0].kind == Action::add_column);
    CHECK(facts.actions[0].added.name == "x");
    CHECK(facts.actions[0].added.type.name == "int4");
    CHECK(facts.actions[0].added.not_null);
    CHECK(facts.actions[0].added.default_kind == DefaultKind::volatile_per_row);
    CHECK(facts.actions[1].kind == Action::alter_type);
    CHECK(facts.actions[1].column == "y");
    CHECK(facts.actions[1].type == TypeFacts{"varchar", {100}, false});
    CHECK(facts.actions[1].using_expression);
    CHECK(facts.actions[2].kind == Action::set_not_null);
    CHECK(facts.actions[3].kind == Action::drop_column);
    CHECK(facts.actions[3].column == "w");
    CHECK(facts.actions[4].kind == Action::set_default);
    CHECK(facts.actions[4].default_kind == DefaultKind::stable);
}

TEST_CASE("a default's volatility is judged by the functions it calls") {
    CHECK(default_kind_of("0") == DefaultKind::constant);
    CHECK(default_kind_of("'free'::text") == DefaultKind::constant);
    CHECK(default_kind_of("now()") == DefaultKind::stable);
    CHECK(default_kind_of("current_timestamp") == DefaultKind::stable);
    CHECK(default_kind_of("gen_random_uuid()") == DefaultKind::volatile_per_row);
    CHECK(default_kind_of("(random() * 10)::int") == DefaultKind::volatile_per_row);
    CHECK(default_kind_of("nextval('s')") == DefaultKind::volatile_per_row);
    CHECK(default_kind_of("") == DefaultKind::none);
    SUBCASE("a serial or identity column fills each row from a sequence") {
        CHECK(one("ALTER TABLE t ADD COLUMN id bigserial").actions[0].added.default_kind ==
              DefaultKind::volatile_per_row);
        CHECK(one("ALTER TABLE t ADD COLUMN id int GENERATED ALWAYS AS IDENTITY")
                  .actions[0]
                  .added.default_kind == DefaultKind::volatile_per_row);
    }
}

TEST_CASE("constraints say NOT VALID, USING INDEX, their columns and what a CHECK proves") {
    const auto facts = one("ALTER TABLE o ADD CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES p (x, y) "
                           "NOT VALID, ADD CONSTRAINT u UNIQUE USING INDEX ix, "
                           "ADD CONSTRAINT c CHECK (a IS NOT NULL), ADD PRIMARY KEY (id), "
                           "VALIDATE CONSTRAINT fk");
    REQUIRE(facts.actions.size() == 5);
    const auto& fk = facts.actions[0].constraint;
    CHECK(fk.kind == ConstraintFacts::Kind::foreign_key);
    CHECK(fk.not_valid);
    CHECK(fk.columns == std::vector<std::string>{"a", "b"});
    CHECK(fk.referred_table == "p");
    CHECK(facts.actions[1].constraint.using_index);
    CHECK(facts.actions[2].constraint.kind == ConstraintFacts::Kind::check);
    CHECK_FALSE(facts.actions[2].constraint.not_valid);
    CHECK(facts.actions[2].constraint.proves_not_null == "a");
    CHECK(facts.actions[3].constraint.kind == ConstraintFacts::Kind::primary_key);
    CHECK_FALSE(facts.actions[3].constraint.using_index);
    CHECK(facts.actions[4].kind == Action::validate_constraint);
    CHECK(facts.actions[4].column == "fk");
}

TEST_CASE("index statements say their table, columns and CONCURRENTLY") {
    const auto create = one("CREATE UNIQUE INDEX CONCURRENTLY ix ON s.orders (a, lower(b), c)");
    CHECK(create.kind == Kind::create_index);
    CHECK(create.table == "orders");
    CHECK(create.index == "ix");
    CHECK(create.concurrently);
    CHECK(create.unique);
    CHECK(create.index_columns == std::vector<std::string>{"a"});
    const auto drop = one("DROP INDEX ix");
    CHECK(drop.kind == Kind::drop_index);
    CHECK(drop.index == "ix");
    CHECK_FALSE(drop.concurrently);
}

TEST_CASE("data changes, maintenance, settings and transaction control are told apart") {
    CHECK(one("UPDATE t SET a = 1").kind == Kind::update);
    CHECK_FALSE(one("UPDATE t SET a = 1").has_where);
    CHECK(one("DELETE FROM t WHERE id < 10").has_where);
    CHECK(one("VACUUM FULL t").kind == Kind::vacuum_full);
    CHECK(one("VACUUM (FULL, ANALYZE) t").table == "t");
    CHECK(one("VACUUM t").kind == Kind::other);
    CHECK(one("CLUSTER t USING ix").kind == Kind::cluster);
    CHECK(one("SET lock_timeout = '5s'").lock_timeout_ms == 5000);
    CHECK(one("SET LOCAL lock_timeout TO 1000").lock_timeout_ms == 1000);
    CHECK(one("SET lock_timeout = 0").lock_timeout_ms == 0);
    CHECK(one("RESET lock_timeout").kind == Kind::set_lock_timeout);
    CHECK(one("BEGIN").kind == Kind::begin);
    CHECK(one("COMMIT").kind == Kind::commit);
    CHECK(one("DO $$ BEGIN PERFORM 1; END $$").kind == Kind::do_block);
    CHECK(one("ALTER TABLE t RENAME COLUMN a TO b").kind == Kind::rename_column);
    CHECK(one("ALTER TABLE t RENAME TO u").kind == Kind::rename_table);
    CHECK(one("DROP TABLE a, b").tables == std::vector<std::string>{"a", "b"});
}

TEST_CASE("SQL the parser cannot read is no crash: it is left to the dry run") {
    const auto facts = one("ALTER TABLE t FROBNICATE c");
    CHECK(facts.kind == Kind::unparsed);
    CHECK_FALSE(facts.parse_error.empty());
    CHECK(one("this is not sql").kind == Kind::unparsed);
    CHECK(one("UPDATE [t] SET a = 1").kind == Kind::unparsed);
}

TEST_CASE("a CREATE TABLE in SQLite's words is read without the words PostgreSQL refuses") {
    const auto strict = one("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            "p INTEGER REFERENCES parent (id)) STRICT");
    CHECK(strict.kind == Kind::create_table);
    CHECK(strict.table == "t");
    REQUIRE(strict.columns.size() == 2);
    CHECK(strict.columns[1].constraints.at(0).referred_table == "parent");
    CHECK(one("CREATE TABLE k (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID").table == "k");
    CHECK(one("CREATE TABLE IF NOT EXISTS [w] (id INTEGER)").table == "w");
}

TEST_CASE("lock_timeout settings are read in PostgreSQL's units") {
    CHECK(timeout_ms("5s") == 5000);
    CHECK(timeout_ms("250ms") == 250);
    CHECK(timeout_ms("2min") == 120'000);
    CHECK(timeout_ms("1500") == 1500);
    CHECK_FALSE(timeout_ms("soon"));
}

TEST_CASE("type names are read as the parser names them") {
    CHECK(type_facts_of("bigint") == TypeFacts{"int8", {}, false});
    CHECK(type_facts_of("numeric(10, 2)") == TypeFacts{"numeric", {10, 2}, false});
    CHECK(type_facts_of("character varying(20)") == TypeFacts{"varchar", {20}, false});
    CHECK(type_facts_of("TEXT") == TypeFacts{"text", {}, false});
}

TEST_CASE("REINDEX says its index or table and CONCURRENTLY, in either place") {
    auto index = one("REINDEX INDEX ix_orders_date");
    CHECK(index.kind == Kind::reindex);
    CHECK(index.index == "ix_orders_date");
    CHECK(index.table.empty());
    CHECK_FALSE(index.concurrently);
    auto table = one("REINDEX TABLE CONCURRENTLY orders");
    CHECK(table.kind == Kind::reindex);
    CHECK(table.table == "orders");
    CHECK(table.concurrently);
    CHECK(one("REINDEX (CONCURRENTLY) INDEX ix").concurrently);
    CHECK(one("REINDEX (VERBOSE) TABLE orders").concurrently == false);
}

TEST_CASE("SET TABLESPACE is an ALTER TABLE action naming the tablespace") {
    const auto facts = one("ALTER TABLE orders SET TABLESPACE archive");
    CHECK(facts.kind == Kind::alter_table);
    REQUIRE(facts.actions.size() == 1);
    CHECK(facts.actions[0].kind == Action::set_tablespace);
    CHECK(facts.actions[0].column == "archive");
    // An index moved is not the table's files: not read as the table's.
    CHECK(one("ALTER INDEX ix SET TABLESPACE archive").kind == Kind::other);
}
