#include "engine/util/text.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::util;

TEST_CASE("trim drops C whitespace at both ends and keeps what is inside") {
    CHECK(trim("  a b \t\r\n\f\v") == "a b");
    CHECK(trim("") == "");
    CHECK(trim(" \n ") == "");
    CHECK(trim("x") == "x");
    CHECK(is_space('\v'));
    CHECK_FALSE(is_space('\0'));
    CHECK_FALSE(is_space('_'));
}

TEST_CASE("lower lowers ASCII letters and leaves UTF-8 alone") {
    CHECK(lower("HeAD") == "head");
    CHECK(lower("ÄB") == "Äb");
}

TEST_CASE("one_line puts text on one line with single spaces") {
    CHECK(one_line("  a\n\tb  c \r\n") == "a b c");
    CHECK(one_line("cannot connect:\n\tIs the server running?") ==
          "cannot connect: Is the server running?");
    CHECK(one_line("") == "");
    CHECK(one_line(" \n ") == "");
    CHECK(one_line("Änderung für Öl") == "Änderung für Öl");
}

TEST_CASE("name_list names at most the first few, and the count of all") {
    CHECK(name_list({"a", "b", "c"}, 2) == "a, b, ... (3 in all)");
    CHECK(name_list({"a", "b"}, 2) == "a, b");
    CHECK(name_list({}, 2) == "");
    CHECK(name_list({"a"}, 0) == ", ... (1 in all)");
}

TEST_CASE("revision_list says base for no revision") {
    CHECK(revision_list({}) == "base");
    CHECK(revision_list({"a1"}) == "a1");
    CHECK(revision_list({"a1", "b2"}) == "a1, b2");
}
