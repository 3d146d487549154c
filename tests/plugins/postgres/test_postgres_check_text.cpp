// normalize_check: one text for the two ways PostgreSQL prints a CHECK with
// an array cast (a column IN a list of strings).
#include "plugins/postgres/postgres_check_text.hpp"

#include <doctest/doctest.h>

using fleet::plugins::postgres::normalize_check;

TEST_CASE("an array cast to T[] reads as its elements cast to T") {
    const char* declared =
        "plan::text = ANY (ARRAY['free'::character varying, 'pro'::character varying]::text[])";
    const char* replayed = "plan::text = ANY (ARRAY['free'::character varying::text, "
                           "'pro'::character varying::text])";
    CHECK(normalize_check(declared) == replayed);
    CHECK(normalize_check(replayed) == replayed);
    SUBCASE("an element already of T is not cast again") {
        CHECK(normalize_check("c = ANY (ARRAY['a'::text, 'b']::text[])") ==
              "c = ANY (ARRAY['a'::text, 'b'::text])");
    }
    SUBCASE("types with arguments, numbers and names") {
        CHECK(normalize_check("n = ANY (ARRAY[1, -2.5, m]::numeric(10,2)[])") ==
              "n = ANY (ARRAY[1::numeric(10,2), -2.5::numeric(10,2), m::numeric(10,2)])");
    }
}

TEST_CASE("what is not a plain array cast is kept as printed") {
    for (const char* kept : {
             "c = ANY (ARRAY[a + b, c]::text[])", // an element that is an expression
             "c = ANY (ARRAY['a', 'b'])",         // no cast
             "c = 'ARRAY[1, 2]::text[]'",         // inside a string
             "c = ANY (MYARRAY[1]::text[])",      // not ARRAY
             "score >= 0::numeric",
         }) {
        CHECK(normalize_check(kept) == kept);
    }
}
