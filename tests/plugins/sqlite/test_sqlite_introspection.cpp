#include "engine/schema/schema_compare.hpp"
#include "plugins/sqlite/sqlite_connection.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using fleet::engine::url::DatabaseUrl;
using fleet::plugins::ConnectOptions;
using fleet::plugins::sqlite::SqliteConnection;
using fleet::test::TempDir;
using namespace fleet::engine::schema;

namespace {

const std::vector<std::string> k_fleet_tables{"alembic_version", "fleet_history"};

DatabaseUrl introspected_url(const std::string& path) {
    return DatabaseUrl::parse("sqlite:///" + path);
}

const Table& table(const Schema& schema, const std::string& name) {
    const Table* found = schema.find_table(name);
    REQUIRE_MESSAGE(found, "no table " << name);
    return *found;
}

const Column& column(const Table& t, const std::string& name) {
    for (const auto& c : t.columns)
        if (c.name == name) return c;
    FAIL("no column " << name);
    throw;
}

const char* k_ddl = R"sql(
CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR ( 255 ) NOT NULL UNIQUE, created TEXT DEFAULT 'now');
CREATE TABLE "Order Lines" (
  "Order ID" INTEGER NOT NULL,
  "line ""no""" INTEGER NOT NULL,
  owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
  qty NUMERIC(10,2) DEFAULT 1,
  PRIMARY KEY ("Order ID", "line ""no""")
);
CREATE INDEX ix_lines_owner ON "Order Lines" (owner_id, qty);
CREATE UNIQUE INDEX ix_users_lower ON users (lower(email)) WHERE id > 0;
CREATE VIEW v_users AS SELECT id FROM users;
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
CREATE TABLE fleet_history (run_id TEXT);
)sql";

} // namespace

TEST_CASE("SQLite introspection reads tables, columns, keys, indexes and views") {
    TempDir dir;
    std::string path = dir.file("app.db");
    {
        SqliteConnection writer(introspected_url(path), {});
        writer.execute(k_ddl);
    }
    ConnectOptions read_only;
    read_only.read_only = true;
    SqliteConnection connection(introspected_url(path), read_only);
    Schema schema = connection.read_schema(k_fleet_tables);

    SUBCASE("fleet's own tables are left out") {
        REQUIRE(schema.tables.size() == 2);
        CHECK(schema.tables[0].name == "Order Lines");
        CHECK(schema.tables[1].name == "users");
    }
    SUBCASE("types are normalized, nullability and defaults as declared") {
        const Table& users = table(schema, "users");
        CHECK(column(users, "email").type == "varchar(255)");
        CHECK_FALSE(column(users, "email").nullable);
        CHECK(column(users, "created").default_value == "'now'");
        CHECK_FALSE(column(users, "id").default_value.has_value());
        CHECK(users.primary_key == std::vector<std::string>{"id"});
        const Table& lines = table(schema, "Order Lines");
        CHECK(column(lines, "qty").type == "numeric(10, 2)");
        CHECK(column(lines, "qty").default_value == "1");
    }
    SUBCASE("identifiers with spaces, quotes and capitals keep their spelling") {
        const Table& lines = table(schema, "Order Lines");
        CHECK(lines.columns[0].name == "Order ID");
        CHECK(lines.columns[1].name == "line \"no\"");
        CHECK(lines.primary_key == std::vector<std::string>{"Order ID", "line \"no\""});
    }
    SUBCASE("indexes, unique constraints and foreign keys") {
        const Table& lines = table(schema, "Order Lines");
        REQUIRE(lines.indexes.size() == 1);
        CHECK(lines.indexes[0].name == "ix_lines_owner");
        CHECK(lines.indexes[0].columns == std::vector<std::string>{"owner_id", "qty"});
        CHECK_FALSE(lines.indexes[0].unique);
        REQUIRE(lines.foreign_keys.size() == 1);
        CHECK(describe(lines.foreign_keys[0]) == "(owner_id) -> users (id) ON DELETE CASCADE");

        const Table& users = table(schema, "users");
        REQUIRE(users.indexes.size() == 1);
        CHECK(users.indexes[0].unique);
        CHECK(users.indexes[0].columns == std::vector<std::string>{"lower(email)"});
        CHECK(users.indexes[0].where == "id > 0");
        REQUIRE(users.constraints.size() == 1);
        CHECK(describe(users.constraints[0]) == "UNIQUE (email)");
    }
    SUBCASE("views") {
        REQUIRE(schema.views.size() == 1);
        CHECK(schema.views[0].name == "v_users");
    }
}

TEST_CASE("two SQLite files built by the same DDL read the same, and a manual change shows") {
    TempDir dir;
    std::string a = dir.file("a.db");
    std::string b = dir.file("b.db");
    for (const auto& path : {a, b}) {
        SqliteConnection writer(introspected_url(path), {});
        writer.execute(k_ddl);
    }
    {
        SqliteConnection connection_a(introspected_url(a), {});
        SqliteConnection connection_b(introspected_url(b), {});
        CHECK(compare(connection_a.read_schema(k_fleet_tables),
                      connection_b.read_schema(k_fleet_tables))
                  .empty());
        connection_b.execute("ALTER TABLE users ADD COLUMN nickname varchar(50); "
                             "CREATE INDEX ix_users_created ON users (created)");
        auto differences = compare(connection_a.read_schema(k_fleet_tables),
                                   connection_b.read_schema(k_fleet_tables), {"a", "b"});
        REQUIRE(differences.size() == 2);
        CHECK(differences[0].description == "column users.nickname varchar(50): only in b");
        CHECK(differences[1].description == "index ix_users_created on users (created): only in b");
    }
}

TEST_CASE("SQLite introspection reads CHECK constraints and expression indexes") {
    TempDir dir;
    SqliteConnection connection(introspected_url(dir.file("checks.db")), {});
    connection.execute(R"sql(
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  qty INTEGER CHECK (qty>=0),
  "Price" NUMERIC,
  name TEXT,
  CONSTRAINT ck_items_price CHECK (("Price" > 0) and name is not null),
  CHECK (length(name) < 80)
);
CREATE INDEX ix_items_name ON items (LOWER( name ), qty DESC, substr(name, 1, 2)) WHERE qty>0;
)sql");
    const Table items = table(connection.read_schema({}), "items");

    SUBCASE("named ones by their name, unnamed ones by the name fleet gives them") {
        std::vector<std::string> seen;
        for (const auto& c : items.constraints)
            seen.push_back(c.name + " " + describe(c));
        CHECK(seen == std::vector<std::string>{
                          "ck_items_name CHECK length(name) < 80",
                          "ck_items_price CHECK Price > 0 AND name IS NOT NULL",
                          "ck_items_qty CHECK qty >= 0",
                      });
    }
    SUBCASE("an expression index lists each expression's text beside plain columns") {
        REQUIRE(items.indexes.size() == 1);
        CHECK(describe(items.indexes[0]) ==
              "ix_items_name on (lower(name), qty, substr(name, 1, 2)) WHERE qty > 0");
    }
}

TEST_CASE("CHECKs and index expressions spelled differently compare equal on SQLite") {
    TempDir dir;
    SqliteConnection a(introspected_url(dir.file("a.db")), {});
    SqliteConnection b(introspected_url(dir.file("b.db")), {});
    a.execute("CREATE TABLE t (c INTEGER, d TEXT, CONSTRAINT ck_t_c CHECK (c >= 0 AND d IS NOT "
              "NULL), CHECK (d <> 'X')); CREATE INDEX ix_t_d ON t (lower(d)) WHERE c IS NOT NULL");
    b.execute("CREATE TABLE t (c INTEGER, d TEXT CHECK ((\"d\"<>'X')), CONSTRAINT ck_t_c CHECK "
              "((c>=0) and d is not null)); CREATE INDEX ix_t_d ON t (LOWER(d)) WHERE (c is not "
              "null)");
    CHECK(compare(a.read_schema({}), b.read_schema({})).empty());
    b.execute("DROP INDEX ix_t_d; CREATE INDEX ix_t_d ON t (upper(d))");
    auto differences = compare(a.read_schema({}), b.read_schema({}), {"a", "b"});
    REQUIRE(differences.size() == 1);
    CHECK(differences[0].description ==
          "index ix_t_d: on t (lower(d)) WHERE c IS NOT NULL in a, on t (upper(d)) in b");
}

TEST_CASE("defaults SQLite stores alike compare equal, whatever their parentheses") {
    // TRUE and 1 are one default to SQLite (it stores 1), as are
    // current_date and CURRENT_DATE, and (1) and ((1)).
    TempDir dir;
    SqliteConnection a(introspected_url(dir.file("a.db")), {});
    SqliteConnection b(introspected_url(dir.file("b.db")), {});
    a.execute("CREATE TABLE t (on_ BOOLEAN DEFAULT (1), off BOOLEAN DEFAULT FALSE, at DATETIME "
              "DEFAULT (CURRENT_TIMESTAMP), day DATE DEFAULT current_date, n NUMERIC DEFAULT "
              "((-2.5)), s TEXT DEFAULT ('it''s'), f TEXT DEFAULT (lower('X')))");
    b.execute("CREATE TABLE t (on_ BOOLEAN DEFAULT TRUE, off BOOLEAN DEFAULT 0, at DATETIME "
              "DEFAULT CURRENT_TIMESTAMP, day DATE DEFAULT (CURRENT_DATE), n NUMERIC DEFAULT "
              "-2.5, s TEXT DEFAULT 'it''s', f TEXT DEFAULT (lower('X')))");
    const auto schema = a.read_schema({});
    CHECK(compare(schema, b.read_schema({})).empty());
    const Table& t = table(schema, "t");
    CHECK(column(t, "on_").default_value == "1");
    CHECK(column(t, "at").default_value == "CURRENT_TIMESTAMP");
    CHECK(column(t, "day").default_value == "CURRENT_DATE");
    // An expression is spelled as normalize_expression spells it.
    CHECK(column(t, "f").default_value == "lower('X')");
    b.execute("CREATE TABLE u (c INTEGER DEFAULT ((1) + 1))");
    CHECK(column(table(b.read_schema({}), "u"), "c").default_value == "1 + 1");
}

TEST_CASE("an empty SQLite database has an empty schema") {
    TempDir dir;
    SqliteConnection connection(introspected_url(dir.file("empty.db")), {});
    Schema schema = connection.read_schema({});
    CHECK(schema.tables.empty());
    CHECK(schema.views.empty());
}
