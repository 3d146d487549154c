// A rebuild that fails at any step leaves the file exactly as it was, and a
// retry is not blocked by anything the failed one made (alembic #1112's
// _alembic_tmp_ tables).
#include "tests/plugins/sqlite/rebuild_changes.hpp"
#include "tests/plugins/sqlite/sqlite_rebuild_fixture.hpp"

#include <doctest/doctest.h>

using fleet::test::RebuildDb;
using namespace fleet::test::changes;
using Strings = std::vector<std::string>;

namespace {

// A table with everything a rebuild touches: AUTOINCREMENT, a child, an
// index, a trigger, views on it and on a view, a trigger elsewhere naming it.
const char* k_schema = R"sql(
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT, name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
CREATE TABLE audit (what TEXT);
CREATE INDEX ix_users_name ON users (name DESC) WHERE name IS NOT NULL;
CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (NEW.email); END;
CREATE VIEW v_users AS SELECT id, email FROM users;
CREATE VIEW v_count AS SELECT count(*) AS n FROM v_users;
CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN
    INSERT INTO audit SELECT email FROM users WHERE id = NEW.user_id; END;
INSERT INTO users (email, name) VALUES ('a@x', 'Ann'), ('b@x', 'Bob'), ('c@x', NULL);
DELETE FROM users WHERE id = 3;
INSERT INTO orders VALUES (10, 1), (11, 2);
)sql";

bool leaves_nothing(RebuildDb& db) {
    return db
        .rows("SELECT name FROM sqlite_master WHERE name LIKE '%fleet%' UNION ALL "
              "SELECT name FROM sqlite_temp_master")
        .empty();
}

} // namespace

TEST_CASE("A failure injected at each step of a rebuild leaves the file exactly as it was") {
    RebuildDb db;
    db.exec(k_schema);
    const auto before = db.snapshot();
    const auto rebuild = db.plan("users", {rename_column("users", "email", "mail"),
                                           set_nullable("users", "mail", false),
                                           add_unique("users", "uq_users_mail", {"mail"})});
    REQUIRE(rebuild.statements.size() >= 15);
    for (std::size_t k = 0; k < rebuild.statements.size(); ++k) {
        CAPTURE(k);
        CAPTURE(rebuild.statements[k]);
        auto broken = rebuild.statements;
        broken[k] = "INSERT INTO fleet_injected_failure VALUES (1)";
        CHECK_THROWS_WITH(db.run(broken),
                          doctest::Contains("no such table: fleet_injected_failure"));
        CHECK(db.snapshot() == before);
        CHECK(leaves_nothing(db));
    }
    db.run(rebuild.statements);
    CHECK(db.snapshot() != before);
    CHECK(db.rows("SELECT id, mail FROM users ORDER BY id") == Strings{"1|'a@x'", "2|'b@x'"});
    CHECK(db.rows("SELECT seq FROM sqlite_sequence WHERE name = 'users'") == Strings{"3"});
    CHECK(leaves_nothing(db));
}

TEST_CASE("A rebuild that the data refuses rolls back whole, and a retry is not blocked") {
    RebuildDb db;
    db.exec(k_schema);
    SUBCASE("a duplicate for a new UNIQUE") {
        db.exec("UPDATE users SET email = 'a@x'");
        const auto duplicated = db.snapshot();
        CHECK_THROWS_WITH(db.rebuild("users", {add_unique("users", "uq_users_email", {"email"})}),
                          doctest::Contains("UNIQUE constraint failed"));
        CHECK(db.snapshot() == duplicated);
        CHECK(leaves_nothing(db));
        db.exec("UPDATE users SET email = 'b@x' WHERE id = 2");
        db.rebuild("users", {add_unique("users", "uq_users_email", {"email"})});
        CHECK(db.rows("SELECT name FROM pragma_index_list('users') WHERE origin = 'u'").size() ==
              1);
    }
    SUBCASE("NOT NULL on a column with NULL rows") {
        db.exec("UPDATE users SET name = NULL WHERE id = 2");
        const auto with_null = db.snapshot();
        CHECK_THROWS_WITH(
            db.rebuild("users", {set_nullable("users", "name", false)}),
            doctest::Contains("NOT NULL constraint failed: _fleet_rebuild_users.name"));
        CHECK(db.snapshot() == with_null);
        CHECK(leaves_nothing(db));
    }
    SUBCASE("a new foreign key that rows break names the rows' table") {
        db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER);"
                "INSERT INTO notes VALUES (1, 1), (2, 99)");
        const auto orphaned = db.snapshot();
        fleet::engine::ops::ForeignKey key;
        key.name = "fk_notes_user_id_users";
        key.columns = {"user_id"};
        key.referred_table = "users";
        key.referred_columns = {"id"};
        CHECK_THROWS_WITH(
            db.rebuild("notes", {add_foreign_key("notes", key)}),
            doctest::Contains("foreign_key_check: rows of table notes break a foreign key"));
        CHECK(db.snapshot() == orphaned);
        CHECK(leaves_nothing(db));
        db.exec("DELETE FROM notes WHERE id = 2");
        db.rebuild("notes", {add_foreign_key("notes", key)});
        CHECK(db.rows("SELECT \"table\" FROM pragma_foreign_key_list('notes')") ==
              Strings{"'users'"});
    }
    SUBCASE("a child's broken rows found by the parent's rebuild name the child") {
        db.exec(
            "PRAGMA foreign_keys=OFF; INSERT INTO orders VALUES (12, 42); PRAGMA foreign_keys=ON");
        const auto orphaned = db.snapshot();
        CHECK_THROWS_WITH(db.rebuild("users", {set_nullable("users", "email", false)}),
                          doctest::Contains("rows of table orders break a foreign key after the "
                                            "rebuild of users"));
        CHECK(db.snapshot() == orphaned);
        CHECK(leaves_nothing(db));
    }
}

TEST_CASE("A rebuild run with foreign keys still ON refuses before it deletes a child row") {
    RebuildDb db;
    db.exec(k_schema);
    const auto before = db.snapshot();
    const auto rebuild = db.plan("users", {set_nullable("users", "name", false)});
    db.exec("BEGIN"); // foreign_keys stays ON: the runtime forgot the flag
    CHECK_THROWS_WITH(
        [&] {
            for (const auto& sql : rebuild.statements)
                db.exec(sql);
        }(),
        doctest::Contains("a table rebuild needs PRAGMA foreign_keys=OFF before its transaction"));
    db.exec("ROLLBACK");
    CHECK(db.snapshot() == before);
    CHECK(db.rows("SELECT count(*) FROM orders") == Strings{"2"});
}
