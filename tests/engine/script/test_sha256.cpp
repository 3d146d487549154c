#include "engine/script/sha256.hpp"

#include <doctest/doctest.h>

#include <string>

using fleet::engine::script::sha256_hex;

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors") {
    SUBCASE("the empty message") {
        CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
    SUBCASE("abc") {
        CHECK(sha256_hex("abc") ==
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
    SUBCASE("the 448-bit message, which needs a second padding block") {
        CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
    SUBCASE("the 896-bit message") {
        CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                         "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    }
    SUBCASE("a million 'a'") {
        CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    SUBCASE("bytes past a NUL and above 0x7f count") {
        // The digest covers the bytes as read, not a C string: a file with a
        // NUL or a byte order mark has its own checksum.
        CHECK(sha256_hex(std::string_view("a\0b", 3)) != sha256_hex("a"));
        CHECK(sha256_hex("\xEF\xBB\xBF") ==
              "f1945cd6c19e56b3c1c78943ef5ec18116907a4ca1efc40a57d48ab1db7adfc5");
    }
}
