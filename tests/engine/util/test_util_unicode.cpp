#include "engine/util/unicode.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::util;

TEST_CASE("UTF-8 decodes to code points and encodes back, bad bytes included") {
    CHECK(utf8_decode("aé本🚀") == U"aé本🚀");
    CHECK(utf8_encode(U"aé本🚀") == "aé本🚀");
    const std::string bad = "a\xff\xc3";
    CHECK(utf8_decode(bad) == U"a\xdcff\xdcc3");
    CHECK(utf8_encode(utf8_decode(bad)) == bad);
}

TEST_CASE("word characters are Python's \\w") {
    for (char32_t c : U"aZ0_éßΣж本ǅ²½Ⅻ١") {
        if (c == 0) continue;
        CAPTURE(static_cast<unsigned>(c));
        CHECK(is_python_word(c));
    }
    for (char32_t c : U" -.·—\u0301\u200b🚀Ⓐ\u00a0\xdcff") {
        if (c == 0) continue;
        CAPTURE(static_cast<unsigned>(c));
        CHECK_FALSE(is_python_word(c));
    }
}

TEST_CASE("lowercase is Python's str.lower()") {
    CHECK(python_lower(U"ÄÖÜ ẞ Ǆ Ⅻ") == U"äöü ß ǆ ⅻ");
    CHECK(python_lower(U"İ") == U"i\u0307");
    SUBCASE("a capital sigma ending a word becomes the final sigma") {
        CHECK(python_lower(U"ΟΔΟΣ") == U"οδος");
        CHECK(python_lower(U"ΣΑΣ_Σ") == U"σας_σ");
        CHECK(python_lower(U"Σ") == U"σ");
        CHECK(python_lower(U"ΑΣ'Α") == U"ασ'α"); // an apostrophe does not end the word
    }
}
