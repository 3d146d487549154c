#include "engine/script/sha256.hpp"

#include <doctest/doctest.h>

#include <string>

using fleet::engine::script::Sha256;
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
}

TEST_CASE("SHA-256 gives the same digest however the bytes are fed") {
    const std::string message(200, 'x');
    const std::string whole = sha256_hex(message);
    for (std::size_t chunk : {1u, 3u, 63u, 64u, 65u, 127u}) {
        CAPTURE(chunk);
        Sha256 hash;
        for (std::size_t pos = 0; pos < message.size(); pos += chunk) {
            hash.update(std::string_view(message).substr(pos, chunk));
        }
        CHECK(hash.hex_digest() == whole);
    }
    SUBCASE("and starts over after reset()") {
        Sha256 hash;
        hash.update("something else");
        (void)hash.hex_digest();
        hash.reset();
        hash.update("abc");
        CHECK(hash.hex_digest() == sha256_hex("abc"));
    }
}
