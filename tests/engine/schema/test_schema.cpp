#include "engine/schema/schema.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::schema;

TEST_CASE("a type is spelled one way whatever the DDL's case and spacing") {
    CHECK(normalize_type("VARCHAR(255)") == "varchar(255)");
    CHECK(normalize_type("  varchar ( 255 ) ") == "varchar(255)");
    CHECK(normalize_type("NUMERIC(10,2)") == "numeric(10, 2)");
    CHECK(normalize_type("numeric( 10 ,  2 )") == "numeric(10, 2)");
    CHECK(normalize_type("double   precision") == "double precision");
    CHECK(normalize_type("timestamp(3) with time zone") == "timestamp(3) with time zone");
    CHECK(normalize_type("") == "");
    SUBCASE("quoted parts keep their case and spaces") {
        CHECK(normalize_type("ENUM('A  b', 'C')") == "enum('A  b', 'C')");
    }
}

TEST_CASE("blanks collapse outside quotes only") {
    CHECK(collapse_blanks("  a  >\n 0 ") == "a > 0");
    CHECK(collapse_blanks("'two  spaces'  ") == "'two  spaces'");
}

TEST_CASE("normalize sorts tables, indexes and keys but keeps column order") {
    Schema schema;
    Table b{"b", {{"z", "int", true, {}}, {"a", "int", true, {}}},
            {},  {{"ix_2", {"z"}, false, ""}, {"ix_1", {"a"}, false, ""}},
            {},  {}};
    Table a{"a", {}, {}, {}, {}, {}};
    schema.tables = {b, a};
    normalize(schema);
    REQUIRE(schema.tables.size() == 2);
    CHECK(schema.tables[0].name == "a");
    CHECK(schema.tables[1].columns[0].name == "z");
    CHECK(schema.tables[1].indexes[0].name == "ix_1");
}

TEST_CASE("fleet's own tables are dropped without regard to case") {
    Schema schema;
    schema.tables = {{"accounts", {}, {}, {}, {}, {}},
                     {"Alembic_Version", {}, {}, {}, {}, {}},
                     {"fleet_history", {}, {}, {}, {}, {}}};
    drop_tables(schema, {"alembic_version", "fleet_history"});
    REQUIRE(schema.tables.size() == 1);
    CHECK(schema.tables[0].name == "accounts");
}

TEST_CASE("the canonical text tells equal schemas from different ones") {
    Schema a;
    a.tables = {{"t", {{"id", "integer", false, {}}}, {"id"}, {}, {}, {}}};
    Schema b = a;
    CHECK(canonical_text(a) == canonical_text(b));
    SUBCASE("a default") {
        b.tables[0].columns[0].default_value = std::string("0");
        CHECK(canonical_text(a) != canonical_text(b));
    }
    SUBCASE("a name that could fake a separator") {
        Schema c;
        c.tables = {{"t\n  column", {}, {}, {}, {}, {}}};
        Schema d;
        d.tables = {{"t", {{"column", "", true, {}}}, {}, {}, {}, {}}};
        CHECK(canonical_text(c) != canonical_text(d));
    }
}

TEST_CASE("descriptions read as DDL") {
    CHECK(describe(Column{"email", "varchar(255)", false, "'x'"}) ==
          "email varchar(255) NOT NULL DEFAULT 'x'");
    CHECK(describe(Index{"ix", {"a", "b"}, true, "a > 0"}) == "ix on (a, b) UNIQUE WHERE a > 0");
    CHECK(describe(ForeignKey{"", {"owner_id"}, "users", {"id"}, "NO ACTION", "CASCADE"}) ==
          "(owner_id) -> users (id) ON DELETE CASCADE");
    CHECK(describe(Constraint{Constraint::Kind::check, "ck", {}, "(price > 0)"}) ==
          "CHECK (price > 0)");
    CHECK(identity(Constraint{Constraint::Kind::unique, "", {"a"}, ""}) == "UNIQUE (a)");
    CHECK(identity(Constraint{Constraint::Kind::unique, "uq_a", {"a"}, ""}) == "uq_a");
}
