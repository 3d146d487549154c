// The batch cases of issue 11, each on a real file with data and foreign
// keys ON: what Alembic's batch mode loses, kept by fleet's rebuild.
#include "engine/error.hpp"
#include "tests/plugins/sqlite/rebuild_changes.hpp"
#include "tests/plugins/sqlite/sqlite_rebuild_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using fleet::test::RebuildDb;
using namespace fleet::test::changes;
using Strings = std::vector<std::string>;

namespace {

const char* k_shop = R"sql(
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
    note TEXT
);
CREATE TABLE reviews (id INTEGER PRIMARY KEY, user_id INTEGER,
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL);
INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', 'Bob');
INSERT INTO orders VALUES (10, 1, 'first'), (11, 1, 'second'), (12, 2, 'third');
INSERT INTO reviews VALUES (20, 1);
)sql";

// The SQL sqlite_master holds for `name`.
std::string sql_of(RebuildDb& db, const std::string& name) {
    const auto rows = db.rows("SELECT sql FROM sqlite_master WHERE name = '" + name + "'");
    REQUIRE_MESSAGE(rows.size() == 1, "no " << name);
    return rows[0];
}

} // namespace

TEST_CASE("Child rows survive a parent rebuild, and their ON DELETE/UPDATE actions still act") {
    RebuildDb db;
    db.exec(k_shop);
    db.rebuild("users", {set_nullable("users", "email", false)});
    CHECK(db.rows("SELECT id, user_id, note FROM orders ORDER BY id") ==
          Strings{"10|1|'first'", "11|1|'second'", "12|2|'third'"});
    CHECK(db.rows("PRAGMA foreign_key_check").empty());
    CHECK(db.rows("SELECT \"notnull\" FROM pragma_table_info('users') WHERE name = 'email'") ==
          Strings{"1"});
    db.exec("UPDATE users SET id = 3 WHERE id = 2");
    CHECK(db.rows("SELECT id, user_id FROM orders ORDER BY id") == Strings{"10|1", "11|1", "12|3"});
    db.exec("DELETE FROM users WHERE id = 3");
    CHECK(db.rows("SELECT id FROM orders ORDER BY id") == Strings{"10", "11"});
    db.exec("DELETE FROM users WHERE id = 1");
    CHECK(db.rows("SELECT count(*) FROM orders") == Strings{"0"});
    CHECK(db.rows("SELECT id, user_id FROM reviews") == Strings{"20|NULL"});
}

TEST_CASE("A child's own rebuild keeps its ON DELETE and ON UPDATE actions") {
    RebuildDb db;
    db.exec(k_shop);
    db.rebuild("orders", {set_type("orders", "note", "VARCHAR(40)")});
    CHECK(
        db.rows("SELECT \"table\", on_update, on_delete FROM pragma_foreign_key_list('orders')") ==
        Strings{"'users'|'CASCADE'|'CASCADE'"});
    db.exec("DELETE FROM users WHERE id = 1");
    CHECK(db.rows("SELECT id FROM orders") == Strings{"12"});
}

TEST_CASE("Views and triggers survive, on the table and on others that name it") {
    RebuildDb db;
    db.exec(k_shop);
    db.exec(R"sql(
        CREATE TABLE audit (what TEXT);
        CREATE VIEW user_emails AS SELECT id, email FROM users;
        CREATE VIEW user_email_count AS SELECT count(*) AS n FROM user_emails;
        CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit VALUES ('user ' || NEW.name); END;
        CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN
            INSERT INTO audit SELECT 'order for ' || name FROM users WHERE id = NEW.user_id; END;
        CREATE TRIGGER emails_insert INSTEAD OF INSERT ON user_emails BEGIN
            INSERT INTO users (id, email, name) VALUES (NEW.id, NEW.email, 'via view'); END;
    )sql");
    const auto before = db.rows("SELECT type, name, sql FROM sqlite_master WHERE type IN "
                                "('view', 'trigger') ORDER BY name");
    db.rebuild("users", {set_nullable("users", "email", false)});
    CHECK(db.rows("SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') "
                  "ORDER BY name") == before);
    db.exec("INSERT INTO user_emails VALUES (5, 'e@x')");
    db.exec("INSERT INTO orders VALUES (13, 5, 'fourth')");
    CHECK(db.rows("SELECT what FROM audit") == Strings{"'user via view'", "'order for via view'"});
    CHECK(db.rows("SELECT n FROM user_email_count") == Strings{"3"});
}

TEST_CASE("Partial, expression and DESC indexes survive as written") {
    RebuildDb db;
    db.exec(k_shop);
    db.exec(R"sql(
        CREATE UNIQUE INDEX ix_users_email_lower ON users (lower(email)) WHERE email IS NOT NULL;
        CREATE INDEX ix_users_name_desc ON users (name DESC, id);
    )sql");
    db.rebuild("users", {set_type("users", "name", "VARCHAR(80)")});
    CHECK(sql_of(db, "ix_users_email_lower") == "'CREATE UNIQUE INDEX ix_users_email_lower ON "
                                                "users (lower(email)) WHERE email IS NOT NULL'");
    CHECK(sql_of(db, "ix_users_name_desc") ==
          "'CREATE INDEX ix_users_name_desc ON users (name DESC, id)'");
    CHECK(db.rows("SELECT desc FROM pragma_index_xinfo('ix_users_name_desc') WHERE cid = 2") ==
          Strings{"1"});
    CHECK_THROWS_WITH(db.exec("INSERT INTO users VALUES (3, 'A@X', 'Al')"),
                      doctest::Contains("UNIQUE constraint failed"));
}

TEST_CASE("What uses a dropped column is an error naming it, and nothing runs") {
    RebuildDb db;
    db.exec(k_shop);
    auto refused = [&](const std::string& setup, const std::string& table,
                       const std::string& column, const std::string& user) {
        db.exec(setup);
        CAPTURE(setup);
        CHECK_THROWS_WITH_AS(db.plan(table, {drop_column(table, column)}),
                             doctest::Contains(user.c_str()), fleet::InputError);
        CHECK_THROWS_WITH_AS(
            db.plan(table, {drop_column(table, column)}),
            doctest::Contains(("rev.yaml:9: cannot drop column " + column).c_str()),
            fleet::InputError);
    };
    SUBCASE("an index") {
        refused("CREATE INDEX ix_users_email ON users (email)", "users", "email",
                "index ix_users_email");
    }
    SUBCASE("an expression index") {
        refused("CREATE INDEX ix_x ON users (lower(email))", "users", "email", "index ix_x");
    }
    SUBCASE("a view") {
        refused("CREATE VIEW v AS SELECT email FROM users", "users", "email", "view v");
    }
    SUBCASE("a trigger") {
        refused("CREATE TRIGGER t AFTER UPDATE OF email ON users BEGIN SELECT 1; END", "users",
                "email", "trigger t");
    }
    SUBCASE("a CHECK") {
        refused("CREATE TABLE c1 (a INT, b INT, CONSTRAINT ck_ab CHECK (a < b))", "c1", "b",
                "constraint ck_ab");
    }
    SUBCASE("a generated column") {
        refused("CREATE TABLE g (a INT, twice INT AS (a * 2))", "g", "a", "generated column twice");
    }
    SUBCASE("another table's foreign key") {
        refused("CREATE TABLE p (id INT PRIMARY KEY, code TEXT UNIQUE);"
                "CREATE TABLE k (code TEXT REFERENCES p (code))",
                "p", "code", "a foreign key of table k");
    }
    SUBCASE("a unique constraint or foreign key spanning other columns too") {
        refused("CREATE TABLE u2 (a INT, b INT, CONSTRAINT uq_ab UNIQUE (a, b))", "u2", "b",
                "constraint uq_ab");
        refused("CREATE TABLE pk2 (x INT, y INT, PRIMARY KEY (x, y));"
                "CREATE TABLE f2 (x INT, y INT, z INT,"
                " CONSTRAINT fk_xy FOREIGN KEY (x, y) REFERENCES pk2 (x, y))",
                "f2", "y", "constraint fk_xy");
    }
    SUBCASE("the primary key") {
        CHECK_THROWS_WITH_AS(db.plan("users", {drop_column("users", "id")}),
                             doctest::Contains("the primary key"), fleet::InputError);
    }
    SUBCASE("a column the table does not have") {
        CHECK_THROWS_WITH_AS(db.plan("users", {drop_column("users", "nope")}),
                             doctest::Contains("rev.yaml:9: table users has no column nope"),
                             fleet::InputError);
    }
    CHECK(db.rows("SELECT count(*) FROM users") == Strings{"2"});
}

TEST_CASE("AUTOINCREMENT keeps its counter") {
    RebuildDb db;
    db.exec(R"sql(
        CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT);
        INSERT INTO tickets (title) VALUES ('a'), ('b'), ('c'), ('d');
        DELETE FROM tickets WHERE id >= 3;
    )sql");
    db.rebuild("tickets", {set_nullable("tickets", "title", false)});
    CHECK(db.rows("SELECT name, seq FROM sqlite_sequence") == Strings{"'tickets'|4"});
    db.exec("INSERT INTO tickets (title) VALUES ('e')");
    CHECK(db.rows("SELECT id FROM tickets ORDER BY id") == Strings{"1", "2", "5"});
    CHECK(sql_of(db, "tickets").find("AUTOINCREMENT") != std::string::npos);
}

TEST_CASE("Named and unnamed CHECK and UNIQUE constraints survive and still refuse rows") {
    RebuildDb db;
    db.exec(R"sql(
        CREATE TABLE items (
            sku TEXT UNIQUE,
            code TEXT CONSTRAINT uq_items_code UNIQUE,
            qty INTEGER CHECK (qty >= 0),
            price INTEGER,
            CONSTRAINT ck_items_price CHECK (price > 0),
            UNIQUE (sku, qty),
            CHECK (qty < 1000)
        );
        INSERT INTO items VALUES ('a', 'A', 1, 5), ('b', 'B', 2, 6);
    )sql");
    db.rebuild("items", {set_type("items", "price", "NUMERIC(10, 2)"),
                         add_check("items", "ck_items_sku", "length(sku) = 1")});
    CHECK(db.rows("SELECT count(*) FROM pragma_index_list('items') WHERE \"unique\"") ==
          Strings{"3"});
    auto refused = [&](const std::string& values, const std::string& why) {
        CHECK_THROWS_WITH(db.exec("INSERT INTO items VALUES " + values),
                          doctest::Contains(why.c_str()));
    };
    refused("('a', 'C', 3, 1)", "UNIQUE constraint failed: items.sku");
    refused("('c', 'A', 3, 1)", "UNIQUE constraint failed: items.code");
    refused("('c', 'C', -1, 1)", "CHECK constraint failed");
    refused("('c', 'C', 1000, 1)", "CHECK constraint failed");
    refused("('c', 'C', 1, 0)", "CHECK constraint failed: ck_items_price");
    refused("('cc', 'C', 1, 1)", "CHECK constraint failed: ck_items_sku");
    db.rebuild(
        "items",
        {drop_constraint("items", "ck_items_price", fleet::engine::ops::ConstraintType::check),
         drop_constraint("items", "uq_items_code", fleet::engine::ops::ConstraintType::unique)});
    db.exec("INSERT INTO items VALUES ('c', 'A', 1, 0)");
    // Two unnamed CHECKs on qty answer to one name: which to drop is unsaid.
    CHECK_THROWS_WITH_AS(
        db.plan("items", {drop_constraint("items", "ck_items_qty",
                                          fleet::engine::ops::ConstraintType::check)}),
        doctest::Contains("table items has 2 unnamed CHECK constraints known as "
                          "ck_items_qty: name them"),
        fleet::InputError);
    CHECK_THROWS_WITH_AS(
        db.plan("items",
                {drop_constraint("items", "ck_nope", fleet::engine::ops::ConstraintType::check)}),
        doctest::Contains("rev.yaml:19: table items has no constraint named ck_nope"),
        fleet::InputError);
}

TEST_CASE("An unnamed CHECK is dropped by the name fleet reports for it") {
    RebuildDb db;
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, \"Qty\" INTEGER CHECK (\"Qty\" >= 0), "
            "name TEXT, CHECK (length(name) < 3))");
    db.rebuild("t", {drop_constraint("t", "ck_t_Qty", fleet::engine::ops::ConstraintType::check)});
    db.exec("INSERT INTO t VALUES (1, -1, 'ab')");
    CHECK_THROWS_WITH(db.exec("INSERT INTO t VALUES (2, 1, 'abc')"),
                      doctest::Contains("CHECK constraint failed"));
    db.rebuild("t", {drop_constraint("t", "ck_t_name", fleet::engine::ops::ConstraintType::check)});
    db.exec("INSERT INTO t VALUES (2, 1, 'abc')");
}

TEST_CASE("COLLATE survives") {
    RebuildDb db;
    db.exec("CREATE TABLE tags (name TEXT COLLATE NOCASE UNIQUE, n INTEGER);"
            "INSERT INTO tags VALUES ('Red', 1)");
    db.rebuild("tags", {set_type("tags", "n", "BIGINT")});
    CHECK(db.rows("SELECT n FROM tags WHERE name = 'RED'") == Strings{"1"});
    CHECK_THROWS_WITH(db.exec("INSERT INTO tags VALUES ('red', 2)"),
                      doctest::Contains("UNIQUE constraint failed"));
}

TEST_CASE("A table-level UNIQUE or FOREIGN KEY on the dropped column alone goes with it") {
    // As PostgreSQL's DROP COLUMN drops them; SQLite's own DROP COLUMN refuses.
    RebuildDb db;
    db.exec("PRAGMA foreign_keys = ON;"
            "CREATE TABLE orgs (id INTEGER PRIMARY KEY);"
            "CREATE TABLE members (id INTEGER PRIMARY KEY, org_id BIGINT NOT NULL, code TEXT,"
            " CONSTRAINT uq_members_code UNIQUE (code),"
            " CONSTRAINT fk_members_org_id_orgs FOREIGN KEY (org_id) REFERENCES orgs (id));"
            "INSERT INTO orgs VALUES (1); INSERT INTO members VALUES (10, 1, 'a'), (11, 1, 'b')");
    db.rebuild("members", {drop_column("members", "org_id"), drop_column("members", "code")});
    CHECK(db.rows("SELECT * FROM members ORDER BY id") == Strings{"10", "11"});
    CHECK(db.rows("SELECT count(*) FROM pragma_foreign_key_list('members')") == Strings{"0"});
    CHECK(db.rows("SELECT count(*) FROM pragma_index_list('members')") == Strings{"0"});
    CHECK(db.rows("SELECT count(*) FROM orgs") == Strings{"1"});
}

TEST_CASE("Generated columns survive, stored and virtual, and are computed, not copied") {
    RebuildDb db;
    db.exec(
        "CREATE TABLE boxes (w INTEGER, h INTEGER, area INTEGER GENERATED ALWAYS AS (w * h) STORED,"
        " half AS (area / 2) VIRTUAL, note TEXT);"
        "INSERT INTO boxes (w, h, note) VALUES (2, 3, 'x'), (4, 5, 'y')");
    db.rebuild("boxes", {drop_column("boxes", "note")});
    CHECK(db.rows("SELECT w, h, area, half FROM boxes ORDER BY w") ==
          Strings{"2|3|6|3", "4|5|20|10"});
    CHECK(db.rows("SELECT name, hidden FROM pragma_table_xinfo('boxes')") ==
          Strings{"'w'|0", "'h'|0", "'area'|3", "'half'|2"});
}

TEST_CASE("A renamed column keeps its data, and its indexes, views and child keys follow it") {
    RebuildDb db;
    db.exec(k_shop);
    db.exec("CREATE INDEX ix_users_email ON users (email);"
            "CREATE VIEW v_users AS SELECT email FROM users");
    db.rebuild("users",
               {rename_column("users", "email", "mail"), set_nullable("users", "mail", false),
                add_unique("users", "uq_users_mail", {"mail"}),
                add_check("users", "ck_users_mail", "mail LIKE '%@%'")});
    CHECK(db.rows("SELECT id, mail FROM users ORDER BY id") == Strings{"1|'a@x'", "2|'b@x'"});
    CHECK(sql_of(db, "ix_users_email") == "'CREATE INDEX ix_users_email ON users (mail)'");
    CHECK(db.rows("SELECT * FROM v_users ORDER BY 1") == Strings{"'a@x'", "'b@x'"});
    CHECK_THROWS_WITH(db.exec("INSERT INTO users VALUES (3, 'nomail', 'C')"),
                      doctest::Contains("ck_users_mail"));
}

TEST_CASE("New columns and foreign keys arrive with their constraints") {
    RebuildDb db;
    db.exec(k_shop);
    fleet::engine::ops::Column score;
    score.name = "score";
    score.type.kind = fleet::engine::ops::ColumnType::Kind::integer;
    score.nullable = false;
    score.server_default.emplace();
    score.server_default->value = {fleet::engine::ops::Literal::Kind::number, "0"};
    fleet::engine::ops::ForeignKey reviewer;
    reviewer.name = "fk_orders_reviewer_users";
    reviewer.columns = {"reviewer"};
    reviewer.referred_table = "users";
    reviewer.referred_columns = {"id"};
    reviewer.ondelete = "SET NULL";
    fleet::engine::ops::Column reviewer_column;
    reviewer_column.name = "reviewer";
    reviewer_column.type.kind = fleet::engine::ops::ColumnType::Kind::bigint;
    db.rebuild("orders", {add_column("orders", score), add_column("orders", reviewer_column),
                          add_foreign_key("orders", reviewer)});
    CHECK(db.rows("SELECT id, score, reviewer FROM orders ORDER BY id") ==
          Strings{"10|0|NULL", "11|0|NULL", "12|0|NULL"});
    CHECK(db.rows("SELECT \"from\", \"table\", on_delete FROM pragma_foreign_key_list('orders') "
                  "ORDER BY 1") ==
          Strings{"'reviewer'|'users'|'SET NULL'", "'user_id'|'users'|'CASCADE'"});
    CHECK_THROWS_WITH(db.exec("INSERT INTO orders (id, reviewer) VALUES (30, 99)"),
                      doctest::Contains("FOREIGN KEY constraint failed"));
}

TEST_CASE("A rebuild is SQLite's procedure: new table, copy, drop, rename, put back, check") {
    RebuildDb db;
    db.exec(k_shop);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a INT, v INT AS (a + 1),"
            " u INTEGER REFERENCES users (id));"
            "CREATE VIEW tv AS SELECT * FROM t;");
    const auto rebuild =
        db.plan("t", {rename_column("t", "a", "b"), set_nullable("t", "b", false)});
    std::string text;
    for (const auto& s : rebuild.statements)
        text += s + ";\n";
    CHECK(text == R"(CREATE TABLE _fleet_rebuild_t (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    a INT NOT NULL,
    v INT AS (a + 1),
    u INTEGER REFERENCES users (id)
);
INSERT INTO _fleet_rebuild_t (id, a, u) SELECT id, a, u FROM t;
DELETE FROM sqlite_sequence WHERE name = '_fleet_rebuild_t';
INSERT INTO sqlite_sequence (name, seq) SELECT '_fleet_rebuild_t', seq FROM sqlite_sequence WHERE name = 't';
DROP VIEW tv;
DROP TABLE t;
ALTER TABLE _fleet_rebuild_t RENAME TO t;
CREATE VIEW tv AS SELECT * FROM t;
ALTER TABLE t RENAME COLUMN a TO b;
CREATE TEMP TABLE _fleet_foreign_key_check (tbl TEXT, CONSTRAINT "foreign_key_check: rows of table t break a foreign key after the rebuild of t" CHECK (tbl IS NOT 't'));
INSERT INTO temp._fleet_foreign_key_check SELECT "table" FROM pragma_foreign_key_check('t');
DROP TABLE temp._fleet_foreign_key_check;
)");
    db.run(rebuild.statements);
    CHECK(db.rows("SELECT name FROM pragma_table_xinfo('tv')") ==
          Strings{"'id'", "'b'", "'v'", "'u'"});
}

TEST_CASE("The scratch table never clashes with a user table and never stays") {
    RebuildDb db;
    db.exec(k_shop);
    db.exec("CREATE TABLE _fleet_rebuild_users (x)");
    const auto rebuild = db.plan("users", {set_nullable("users", "name", false)});
    CHECK(rebuild.foreign_keys_off);
    CHECK(std::any_of(rebuild.statements.begin(), rebuild.statements.end(),
                      [](const std::string& sql) {
                          return sql.rfind("CREATE TABLE _fleet_rebuild_users_1 (", 0) == 0;
                      }));
    db.run(rebuild.statements);
    CHECK(db.rows("SELECT name FROM sqlite_master WHERE name LIKE '_fleet%' ORDER BY 1") ==
          Strings{"'_fleet_rebuild_users'"});
    CHECK_THROWS_WITH_AS(db.plan("nosuch", {drop_column("nosuch", "a")}),
                         doctest::Contains("rev.yaml:9: table nosuch is not in the database"),
                         fleet::InputError);
}

TEST_CASE("Two columns swap names in one revision, and a renamed column's old name stays taken") {
    RebuildDb db;
    db.exec(k_shop);
    db.exec("CREATE INDEX ix_users_email ON users (email)");
    db.rebuild("users",
               {rename_column("users", "email", "tmp"), rename_column("users", "name", "email"),
                rename_column("users", "tmp", "name")});
    CHECK(db.rows("SELECT id, email, name FROM users ORDER BY id") ==
          Strings{"1|'Ann'|'a@x'", "2|'Bob'|'b@x'"});
    CHECK(sql_of(db, "ix_users_email") == "'CREATE INDEX ix_users_email ON users (name)'");
    fleet::engine::ops::Column email;
    email.name = "email";
    email.type = raw_type("TEXT");
    CHECK_THROWS_WITH_AS(
        db.plan("users", {rename_column("users", "email", "mail"), add_column("users", email)}),
        doctest::Contains("rev.yaml:11: column email of users is renamed in this revision"),
        fleet::InputError);
    CHECK_THROWS_WITH_AS(db.plan("users", {rename_column("users", "email", "name")}),
                         doctest::Contains("rev.yaml:7: table users already has a column name"),
                         fleet::InputError);
}

TEST_CASE("Quoted names, WITHOUT ROWID and STRICT tables rebuild as written") {
    RebuildDb db;
    db.exec(R"sql(
        CREATE TABLE "Order Lines" ("Line No" INTEGER NOT NULL, [sku] TEXT NOT NULL, qty INTEGER,
            PRIMARY KEY ("Line No", sku)) WITHOUT ROWID, STRICT;
        INSERT INTO "Order Lines" VALUES (1, 'a', 2), (2, 'b', NULL);
        CREATE INDEX "ix lines qty" ON "Order Lines" (qty);
    )sql");
    const std::vector<fleet::engine::ops::Operation> changes{
        set_nullable("Order Lines", "qty", false), rename_column("Order Lines", "Line No", "line")};
    CHECK_THROWS_WITH(
        db.rebuild("Order Lines", changes),
        doctest::Contains("NOT NULL constraint failed: _fleet_rebuild_Order Lines.qty"));
    db.exec("UPDATE \"Order Lines\" SET qty = 0 WHERE qty IS NULL");
    db.rebuild("Order Lines", changes);
    CHECK(sql_of(db, "Order Lines") == "'CREATE TABLE \"Order Lines\" (\n"
                                       "    \"line\" INTEGER NOT NULL,\n"
                                       "    [sku] TEXT NOT NULL,\n"
                                       "    qty INTEGER NOT NULL,\n"
                                       "    PRIMARY KEY (\"line\", sku)\n"
                                       ") WITHOUT ROWID, STRICT'");
    CHECK(db.rows("SELECT * FROM \"Order Lines\" ORDER BY 1") == Strings{"1|'a'|2", "2|'b'|0"});
    CHECK(db.rows("SELECT name FROM pragma_index_list('Order Lines') ORDER BY 1") ==
          Strings{"'ix lines qty'", "'sqlite_autoindex_Order Lines_1'"});
    CHECK_THROWS_WITH(db.exec("INSERT INTO \"Order Lines\" VALUES (3, 'c', 'many')"),
                      doctest::Contains("cannot store TEXT value in INTEGER column"));
}

TEST_CASE("A self-referencing key keeps its parent column, and a wrong constraint type is named") {
    RebuildDb db;
    db.exec(R"sql(
        CREATE TABLE nodes (id INTEGER PRIMARY KEY, code TEXT UNIQUE,
            parent_code TEXT REFERENCES nodes (code) ON DELETE CASCADE,
            CONSTRAINT ck_nodes_code CHECK (code <> ''));
        INSERT INTO nodes VALUES (1, 'root', NULL), (2, 'leaf', 'root');
    )sql");
    CHECK_THROWS_WITH_AS(db.plan("nodes", {drop_column("nodes", "code")}),
                         doctest::Contains("the foreign key of column parent_code"),
                         fleet::InputError);
    CHECK_THROWS_WITH_AS(
        db.plan("nodes", {drop_constraint("nodes", "ck_nodes_code",
                                          fleet::engine::ops::ConstraintType::unique)}),
        doctest::Contains("constraint ck_nodes_code of nodes is not of type unique"),
        fleet::InputError);
    db.rebuild("nodes", {set_type("nodes", "parent_code", "VARCHAR(20)")});
    db.exec("DELETE FROM nodes WHERE id = 1");
    CHECK(db.rows("SELECT count(*) FROM nodes") == Strings{"0"});
}

TEST_CASE("A primary key is added to a table that has none, and refused where one is") {
    RebuildDb db;
    db.exec(
        "CREATE TABLE kv (k TEXT NOT NULL, v TEXT); INSERT INTO kv VALUES ('a', '1'), ('b', '2')");
    fleet::engine::ops::CreatePrimaryKey op;
    op.table = "kv";
    op.key = {"pk_kv", {"k"}};
    op.line = 21;
    const auto rowids = db.rows("SELECT rowid, k FROM kv ORDER BY rowid");
    db.rebuild("kv", {op});
    CHECK(db.rows("SELECT name, pk FROM pragma_table_info('kv')") == Strings{"'k'|1", "'v'|0"});
    CHECK(db.rows("SELECT rowid, k FROM kv ORDER BY rowid") == rowids);
    CHECK_THROWS_WITH(db.exec("INSERT INTO kv VALUES ('a', '3')"),
                      doctest::Contains("UNIQUE constraint failed: kv.k"));
    CHECK_THROWS_WITH_AS(db.plan("kv", {op}),
                         doctest::Contains("rev.yaml:21: table kv already has a primary key"),
                         fleet::InputError);
}

TEST_CASE(
    "An enum type brings its CHECK of values, and takes it away when the type changes again") {
    RebuildDb db;
    db.exec("CREATE TABLE moods (id INTEGER PRIMARY KEY, mood TEXT); INSERT INTO moods VALUES (1, "
            "'sad')");
    fleet::engine::ops::AlterColumn to_enum;
    to_enum.table = "moods";
    to_enum.column = "mood";
    to_enum.type.emplace();
    to_enum.type->kind = fleet::engine::ops::ColumnType::Kind::enumeration;
    to_enum.type->enum_name = "mood";
    to_enum.type->enum_values = {"happy", "sad"};
    db.rebuild("moods", {to_enum});
    CHECK(db.rows("SELECT type FROM pragma_table_info('moods') WHERE name = 'mood'") ==
          Strings{"'VARCHAR(5)'"});
    CHECK_THROWS_WITH(db.exec("INSERT INTO moods VALUES (2, 'angry')"),
                      doctest::Contains("CHECK constraint failed"));
    db.rebuild("moods", {set_type("moods", "mood", "TEXT")});
    db.exec("INSERT INTO moods VALUES (2, 'angry')");
    CHECK(sql_of(db, "moods").find("CHECK") == std::string::npos);
}
