#include "engine/util/text_table.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::util;

TEST_CASE("display_width counts terminal columns, not bytes") {
    CHECK(display_width("") == 0);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("producción") == 10);
    CHECK(display_width("本番") == 4);
    CHECK(display_width("cafe\xcc\x81") == 4); // e and a combining acute accent
    CHECK(display_width("a\xff"
                        "b") == 3); // a byte that is not UTF-8 counts 1
}

TEST_CASE("a text table aligns columns two spaces apart with no trailing spaces") {
    TextTable table;
    CHECK(table.empty());
    CHECK(table.render() == "");
    table.add_row({"NAME", "N", "NOTE"});
    table.add_row({"prod", TextTable::Cell("12").right_align(), ""});
    table.add_row({"本番", TextTable::Cell("3").right_align(), "ok"});
    table.add_heading("-- a heading does not widen a column --");
    table.add_row({"x"});
    CHECK(table.render() == "NAME  N   NOTE\n"
                            "prod  12\n"
                            "本番   3  ok\n"
                            "-- a heading does not widen a column --\n"
                            "x\n");
}

TEST_CASE("a right-aligned last column is padded on the left") {
    TextTable table;
    table.add_row({"a", "COUNT"});
    table.add_row({"b", TextTable::Cell("7").right_align()});
    CHECK(table.render() == "a  COUNT\n"
                            "b      7\n");
}
