#include "engine/error.hpp"

#include <doctest/doctest.h>

#include <string>

// MigrationError carries its facts as fields (as libpqxx's failure does), and
// its message shows a long statement cut at a character boundary.

TEST_CASE("a migration error keeps revision, statement and SQLSTATE as fields") {
    const fleet::MigrationError error("abc123", "ALTER TABLE t ADD x int", "lock timeout", "55P03");
    CHECK(error.revision() == "abc123");
    CHECK(error.statement() == "ALTER TABLE t ADD x int");
    CHECK(error.server_message() == "lock timeout");
    CHECK(error.sqlstate() == "55P03");
    CHECK(std::string(error.what()) ==
          "revision abc123 failed\n  statement: ALTER TABLE t ADD x int\n  error: lock timeout");
    SUBCASE("a note is added to the server's words, the fields stay") {
        const auto noted = error.with_note(" (still locked after 3 retries)");
        CHECK(noted.revision() == "abc123");
        CHECK(noted.sqlstate() == "55P03");
        CHECK(std::string(noted.what())
                  .ends_with("error: lock timeout (still locked after 3 retries)"));
    }
}

TEST_CASE("a long statement is cut before 500 bytes without splitting a UTF-8 character") {
    // 499 ASCII bytes, then 'é' (2 bytes) straddling the 500-byte cut.
    const std::string statement =
        "SELECT '" + std::string(491, 'a') + "\xc3\xa9" + std::string(50, 'b') + "'";
    const fleet::MigrationError error("r1", statement, "boom");
    const std::string message = error.what();
    const auto from = message.find("statement: ") + std::string("statement: ").size();
    const auto to = message.find("...\n  error:");
    REQUIRE(to != std::string::npos);
    const std::string shown = message.substr(from, to - from);
    CHECK(shown.size() == 499);
    CHECK(shown == statement.substr(0, 499));
    // The whole statement stays available as a field.
    CHECK(error.statement() == statement);
}
