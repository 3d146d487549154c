#include "engine/url/redact.hpp"

#include <doctest/doctest.h>

#include <string>

using fleet::engine::url::mask_passwords;

TEST_CASE("mask_passwords hides passwords in free text") {
    SUBCASE("a URL inside a sentence") {
        CHECK(mask_passwords("could not reach postgresql://app:s3cret@db:5432/core, retrying") ==
              "could not reach postgresql://app:***@db:5432/core, retrying");
    }
    SUBCASE("several URLs, quoted or not") {
        CHECK(mask_passwords("'postgres://a:x1@h/d' and \"postgresql+psycopg2://b:y2@[::1]/e\"") ==
              "'postgres://a:***@h/d' and \"postgresql+psycopg2://b:***@[::1]/e\"");
    }
    SUBCASE("a password holding '/' or ':'") {
        CHECK(mask_passwords("postgresql://u:a/b:c@h/db") == "postgresql://u:***@h/db");
    }
    SUBCASE("libpq keyword strings") {
        CHECK(mask_passwords("host=h password=s3cret dbname=d") == "host=h password=*** dbname=d");
        CHECK(mask_passwords("host=h password='s3 c\\'ret' dbname=d") ==
              "host=h password='***' dbname=d");
        CHECK(mask_passwords("postgresql://h/d?sslmode=require&password=s3cret&x=1") ==
              "postgresql://h/d?sslmode=require&password=***&x=1");
        CHECK(mask_passwords("PGPASSWORD=s3cret fleet status") == "PGPASSWORD=*** fleet status");
        CHECK(mask_passwords("PassWord=s3cret") == "PassWord=***");
        CHECK(mask_passwords("host=h password = s3cret dbname=d") ==
              "host=h password = *** dbname=d");
        CHECK(mask_passwords("host=h password = 's3 cret' dbname=d") ==
              "host=h password = '***' dbname=d");
    }
    SUBCASE("SQL's PASSWORD 'literal', as another session's query text shows it") {
        CHECK(mask_passwords("ALTER ROLE app PASSWORD 's3cret'") ==
              "ALTER ROLE app PASSWORD '***'");
        CHECK(
            mask_passwords("create user app with login password  'it''s s3cret' valid until 'x'") ==
            "create user app with login password  '***' valid until 'x'");
        CHECK(mask_passwords("last query: ALTER ROLE app ENCRYPTED PASSWORD 's3cr") ==
              "last query: ALTER ROLE app ENCRYPTED PASSWORD '***'");
        CHECK(mask_passwords("ALTER ROLE app PASSWORD NULL") == "ALTER ROLE app PASSWORD NULL");
    }
    SUBCASE("text without passwords is left alone") {
        for (const char* text : {"postgresql://app@h/db", "postgresql://h:5432/db",
                                 "sqlite:////a/b.db", "no url here", "http://example.com/a?b=c",
                                 "password=", "password authentication failed for user \"app\""}) {
            CHECK(mask_passwords(text) == text);
        }
    }
}
