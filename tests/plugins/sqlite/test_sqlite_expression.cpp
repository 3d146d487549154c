// normalize_expression: the one spelling CHECK conditions, index expressions
// and partial index WHEREs are compared in on SQLite.
#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_expression.hpp"

#include <doctest/doctest.h>

using fleet::plugins::sqlite::normalize_default;
using fleet::plugins::sqlite::normalize_expression;

TEST_CASE("Spellings SQLite reads alike normalize to one text") {
    SUBCASE("blanks, comments and operators written apart or together") {
        CHECK(normalize_expression("c>=0") == "c >= 0");
        CHECK(normalize_expression("  c \n >=\t0 ") == "c >= 0");
        CHECK(normalize_expression("c >= /* at least */ 0 -- none below\n") == "c >= 0");
        CHECK(normalize_expression("a||b <>c") == "a || b <> c");
    }
    SUBCASE("keywords in any case, names keep theirs") {
        CHECK(normalize_expression("c is not null and D in (1,2)") ==
              "c IS NOT NULL AND D IN (1, 2)");
        CHECK(normalize_expression("C >= 0") == "C >= 0");
        CHECK(normalize_expression("LOWER( Name )") == "lower(Name)");
    }
    SUBCASE("parentheses that change nothing go, the others stay") {
        CHECK(normalize_expression("(c >= 0)") == "c >= 0");
        CHECK(normalize_expression("((c>=0))") == "c >= 0");
        CHECK(normalize_expression("(c) >= (0)") == "c >= 0");
        CHECK(normalize_expression("(a = 1 or b = 2) and c = 3") == "(a = 1 OR b = 2) AND c = 3");
        CHECK(normalize_expression("f((a + b)) * 2") == "f(a + b) * 2");
        CHECK(normalize_expression("x in (1)") == "x IN (1)");
    }
    SUBCASE("a sign is unary after an operator or a keyword") {
        CHECK(normalize_expression("c < -1") == "c < -1");
        CHECK(normalize_expression("c<-1") == "c < -1");
        CHECK(normalize_expression("c between -1 and +1") == "c BETWEEN -1 AND +1");
        CHECK(normalize_expression("c - 1 > 0") == "c - 1 > 0");
    }
    SUBCASE("quotes go where a name needs none; strings keep their bytes") {
        CHECK(normalize_expression("\"c\" >= 0") == "c >= 0");
        CHECK(normalize_expression("[c] >= 0") == "c >= 0");
        CHECK(normalize_expression("\"a b\" = 'It''s  X'") == "\"a b\" = 'It''s  X'");
        CHECK(normalize_expression("\"end\" = 1") == "\"end\" = 1");
    }
    SUBCASE("normalizing twice changes nothing, in parentheses or not") {
        for (const char* text : {"(c >= 0)", "lower(name) DESC", "a.b = -(c)", "x IN (1, 2)"}) {
            const auto once = normalize_expression(text);
            CHECK(normalize_expression(once) == once);
            CHECK(normalize_expression("(" + once + ")") == once);
        }
    }
}

TEST_CASE("An unterminated string is an input error") {
    CHECK_THROWS_AS(normalize_expression("c = 'open"), fleet::InputError);
}

TEST_CASE("a default's redundant parentheses and keyword spellings go, the rest is kept") {
    SUBCASE("a literal or CURRENT_* in parentheses, as SQLAlchemy writes them") {
        CHECK(normalize_default("(1)") == "1");
        CHECK(normalize_default(" ((-2.5)) ") == "-2.5");
        CHECK(normalize_default("(CURRENT_TIMESTAMP)") == "CURRENT_TIMESTAMP");
        CHECK(normalize_default("('it''s')") == "'it''s'");
        CHECK(normalize_default("(0x1F)") == "0x1F");
        CHECK(normalize_default("(1e3)") == "1e3");
    }
    SUBCASE("TRUE and FALSE as the numbers SQLite stores; keywords in upper case") {
        CHECK(normalize_default("true") == "1");
        CHECK(normalize_default("(FALSE)") == "0");
        CHECK(normalize_default("current_date") == "CURRENT_DATE");
        CHECK(normalize_default("null") == "NULL");
    }
    SUBCASE("an expression keeps its parentheses, a string its bytes") {
        CHECK(normalize_default("(datetime('now'))") == "(datetime('now'))");
        CHECK(normalize_default("(1) + (2)") == "(1) + (2)");
        CHECK(normalize_default("('a' || 'b')") == "('a' || 'b')");
        CHECK(normalize_default("'TRUE'") == "'TRUE'");
        CHECK(normalize_default("(1.)") == "1.");
        CHECK(normalize_default("(e5)") == "(e5)");
    }
}
