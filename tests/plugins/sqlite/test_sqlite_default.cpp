#include "plugins/sqlite/sqlite_default.hpp"

#include <doctest/doctest.h>

// Defaults SQLite stores alike read alike, so autogenerate and check see no
// change between two spellings of one default; defaults that differ stay apart.

using fleet::plugins::sqlite::normalize_default;

TEST_CASE("Parentheses, blanks and keyword case do not make a default differ") {
    CHECK(normalize_default("(0)", "INTEGER") == "0");
    CHECK(normalize_default("((datetime('now')))", "DATETIME") == "datetime('now')");
    CHECK(normalize_default("current_timestamp", "TIMESTAMP") == "CURRENT_TIMESTAMP");
    CHECK(normalize_default("'a  b'", "TEXT") == "'a  b'"); // a string keeps its bytes
}

TEST_CASE("TRUE and FALSE are 1 and 0, as SQLite stores them") {
    CHECK(normalize_default("TRUE", "BOOLEAN") == "1");
    CHECK(normalize_default("false", "BOOLEAN") == "0");
    CHECK(normalize_default("(TRUE)", "BOOLEAN") == "1");
}

TEST_CASE("A quoted number is the number only where the column's affinity converts it") {
    CHECK(normalize_default("'0'", "INTEGER") == "0");
    CHECK(normalize_default("'-2.5'", "NUMERIC(10, 2)") == "-2.5");
    CHECK(normalize_default("'1'", "BOOLEAN") == "1");          // NUMERIC affinity
    CHECK(normalize_default("'7'", "DOUBLE PRECISION") == "7"); // REAL affinity
    // TEXT and BLOB affinity keep the text; so do numbers SQLite would respell.
    CHECK(normalize_default("'0'", "VARCHAR(10)") == "'0'");
    CHECK(normalize_default("'0'", "") == "'0'");
    CHECK(normalize_default("'0'", "BLOB") == "'0'");
    CHECK(normalize_default("'007'", "INTEGER") == "'007'");
    CHECK(normalize_default("'1e3'", "INTEGER") == "'1e3'");
    CHECK(normalize_default("'+1'", "INTEGER") == "'+1'");
    CHECK(normalize_default("'1.'", "INTEGER") == "'1.'");
}
