#include "engine/schema/schema_compare.hpp"
#include "plugins/postgres/postgres_connection.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"

#include <doctest/doctest.h>

using fleet::plugins::ConnectOptions;
using fleet::plugins::postgres::PostgresConnection;
using fleet::tests::PgScratchDatabase;
using namespace fleet::engine::schema;

namespace {

const std::vector<std::string> k_fleet_tables{"alembic_version", "fleet_history"};

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

// The same DDL in whatever schema the search_path names first.
const char* k_ddl = R"sql(
CREATE TABLE users (
  id serial PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  created timestamptz DEFAULT now(),
  CONSTRAINT uq_users_email UNIQUE (email),
  CONSTRAINT ck_users_email CHECK (email <> '')
);
CREATE TABLE "Order Lines" (
  "Order ID" integer NOT NULL,
  "line ""no""" integer NOT NULL,
  owner_id integer REFERENCES users (id) ON DELETE CASCADE,
  qty numeric(10,2) DEFAULT 1,
  PRIMARY KEY ("Order ID", "line ""no""")
);
CREATE INDEX ix_lines_owner ON "Order Lines" (owner_id, qty);
CREATE UNIQUE INDEX ix_users_lower ON users (lower(email)) WHERE id > 0;
CREATE VIEW v_users AS SELECT id FROM users;
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
CREATE TABLE fleet_history (run_id TEXT);
)sql";

} // namespace

TEST_CASE("PostgreSQL introspection reads tables, columns, keys, constraints, indexes and views") {
    PgScratchDatabase db;
    PostgresConnection writer(db.url(), {});
    writer.execute(k_ddl);
    ConnectOptions read_only;
    read_only.read_only = true;
    PostgresConnection connection(db.url(), read_only);
    Schema schema = connection.read_schema(k_fleet_tables);

    SUBCASE("fleet's own tables are left out") {
        REQUIRE(schema.tables.size() == 2);
        CHECK(schema.tables[0].name == "Order Lines");
        CHECK(schema.tables[1].name == "users");
    }
    SUBCASE("types as format_type prints them, nullability, defaults") {
        const Table& users = table(schema, "users");
        CHECK(column(users, "id").type == "integer");
        CHECK(column(users, "id").default_value == "nextval('users_id_seq'::regclass)");
        CHECK_FALSE(column(users, "id").nullable);
        CHECK(column(users, "email").type == "character varying(255)");
        CHECK(column(users, "created").type == "timestamp with time zone");
        CHECK(column(users, "created").nullable);
        CHECK(column(users, "created").default_value == "now()");
        CHECK(users.primary_key == std::vector<std::string>{"id"});
        CHECK(column(table(schema, "Order Lines"), "qty").type == "numeric(10, 2)");
        CHECK(column(table(schema, "Order Lines"), "qty").default_value == "1");
    }
    SUBCASE("identifiers with spaces, quotes and capitals keep their spelling") {
        const Table& lines = table(schema, "Order Lines");
        CHECK(lines.columns[0].name == "Order ID");
        CHECK(lines.columns[1].name == "line \"no\"");
        CHECK(lines.primary_key == std::vector<std::string>{"Order ID", "line \"no\""});
    }
    SUBCASE("constraints, foreign keys and indexes that back no constraint") {
        const Table& users = table(schema, "users");
        REQUIRE(users.constraints.size() == 2);
        CHECK(users.constraints[0].name == "ck_users_email");
        CHECK(describe(users.constraints[0]) == "CHECK (email::text <> ''::text)");
        CHECK(users.constraints[1].name == "uq_users_email");
        CHECK(describe(users.constraints[1]) == "UNIQUE (email)");
        REQUIRE(users.indexes.size() == 1); // not users_pkey nor uq_users_email
        CHECK(users.indexes[0].name == "ix_users_lower");
        CHECK(users.indexes[0].unique);
        CHECK(users.indexes[0].columns == std::vector<std::string>{"lower(email::text)"});
        CHECK(users.indexes[0].where == "id > 0");

        const Table& lines = table(schema, "Order Lines");
        REQUIRE(lines.indexes.size() == 1);
        CHECK(lines.indexes[0].columns == std::vector<std::string>{"owner_id", "qty"});
        REQUIRE(lines.foreign_keys.size() == 1);
        CHECK(lines.foreign_keys[0].name == "Order Lines_owner_id_fkey");
        CHECK(describe(lines.foreign_keys[0]) == "(owner_id) -> users (id) ON DELETE CASCADE");
    }
    SUBCASE("views") {
        REQUIRE(schema.views.size() == 1);
        CHECK(schema.views[0].name == "v_users");
        CHECK(schema.views[0].definition == "SELECT users.id FROM users;");
    }
}

TEST_CASE("PostgreSQL introspection reads the target's schema from its search_path") {
    PgScratchDatabase db;
    PostgresConnection admin(db.url(), {});
    admin.execute("CREATE SCHEMA t_acme; CREATE SCHEMA \"T Globex\";");
    for (const std::string schema : {"t_acme", "T Globex"}) {
        ConnectOptions options;
        options.schema = schema;
        PostgresConnection writer(db.url(), options);
        writer.execute(k_ddl);
    }
    ConnectOptions acme;
    acme.schema = "t_acme";
    ConnectOptions globex;
    globex.schema = "T Globex";
    PostgresConnection a(db.url(), acme);
    PostgresConnection b(db.url(), globex);
    // Equal although the sequences live in different schemas: each default
    // is printed relative to its own search_path.
    CHECK(compare(a.read_schema(k_fleet_tables), b.read_schema(k_fleet_tables)).empty());
    CHECK(PostgresConnection(db.url(), {}).read_schema({}).tables.empty()); // public has none

    b.execute("ALTER TABLE users ADD COLUMN nickname varchar(50) NOT NULL DEFAULT 'x'; "
              "CREATE INDEX ix_users_created ON users (created)");
    auto differences =
        compare(a.read_schema(k_fleet_tables), b.read_schema(k_fleet_tables), {"acme", "globex"});
    REQUIRE(differences.size() == 2);
    CHECK(differences[0].description == "column users.nickname character varying(50) NOT NULL "
                                        "DEFAULT 'x'::character varying: only in globex");
    CHECK(differences[1].description ==
          "index ix_users_created on users (created): only in globex");

    SUBCASE("a schema that does not exist reads as empty") {
        ConnectOptions missing;
        missing.schema = "t_nobody";
        CHECK(PostgresConnection(db.url(), missing).read_schema({}).tables.empty());
    }
}

TEST_CASE("a CHECK of a column IN strings reads alike declared and copied from the catalog") {
    // PostgreSQL prints `plan IN ('free', 'pro')` on a varchar column with
    // an array cast, and that text, run again, with the cast on each element:
    // autogenerate's copy of the condition must compare equal to the original.
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    connection.execute("CREATE TABLE a (plan varchar(20), CONSTRAINT ck_plan CHECK (plan IN "
                       "('free', 'pro')))");
    const auto declared = table(connection.read_schema({}), "a").constraints.at(0).definition;
    connection.execute("CREATE TABLE b (plan varchar(20), CONSTRAINT ck_plan_b CHECK (" + declared +
                       "))");
    const auto schema = connection.read_schema({});
    CHECK(table(schema, "b").constraints.at(0).definition == declared);
    CHECK(declared == "(plan::text = ANY (ARRAY['free'::character varying::text, "
                      "'pro'::character varying::text]))");
}
