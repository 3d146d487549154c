#include "plugins/sql_quoting.hpp"

#include <doctest/doctest.h>

using namespace fleet::plugins;

TEST_CASE("identifiers are quoted only where SQLAlchemy would quote them") {
    const ReservedWords reserved{"select", "order"};
    SUBCASE("plain lower-case names stay bare") {
        for (const char* name : {"accounts", "alembic_version", "t_acme", "a1", "_x", "col$"}) {
            CHECK(quote_identifier(name, reserved) == name);
        }
    }
    SUBCASE("reserved words are quoted whatever their case") {
        CHECK(quote_identifier("select", reserved) == "\"select\"");
        CHECK(quote_identifier("Order", reserved) == "\"Order\"");
    }
    SUBCASE("upper case, odd characters and odd first characters are quoted") {
        CHECK(quote_identifier("Accounts", reserved) == "\"Accounts\"");
        CHECK(quote_identifier("tenant-1", reserved) == "\"tenant-1\"");
        CHECK(quote_identifier("a b", reserved) == "\"a b\"");
        CHECK(quote_identifier("1st", reserved) == "\"1st\"");
        CHECK(quote_identifier("$x", reserved) == "\"$x\"");
        CHECK(quote_identifier("caf\xc3\xa9", reserved) == "\"caf\xc3\xa9\"");
        CHECK(quote_identifier("", reserved) == "\"\"");
    }
    SUBCASE("inner double quotes are doubled") {
        CHECK(quote_identifier("we\"ird", reserved) == "\"we\"\"ird\"");
        CHECK(double_quoted("plain") == "\"plain\"");
    }
}

TEST_CASE("string literals double their single quotes") {
    CHECK(single_quoted("it's") == "'it''s'");
    CHECK(single_quoted("") == "''");
    CHECK(single_quoted("a\\b") == "'a\\b'");
    CHECK(single_quoted("''") == "''''''");
}
