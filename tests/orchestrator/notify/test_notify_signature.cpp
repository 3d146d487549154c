#include "orchestrator/notify/signature.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace fleet::orchestrator::notify;

// RFC 4231, "Identifiers and Test Vectors for HMAC-SHA-224, HMAC-SHA-256,
// HMAC-SHA-384, and HMAC-SHA-512", section 4: the HMAC-SHA-256 results.

TEST_CASE("HMAC-SHA256 gives RFC 4231's results for its test cases") {
    SUBCASE("1: a 20-byte key") {
        CHECK(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There") ==
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }
    SUBCASE("2: a key shorter than the output") {
        CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
    SUBCASE("3: key and data of bytes that are not text") {
        CHECK(hmac_sha256_hex(std::string(20, '\xaa'), std::string(50, '\xdd')) ==
              "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    }
    SUBCASE("4: a 25-byte key") {
        std::string key;
        for (char byte = 0x01; byte <= 0x19; ++byte)
            key += byte;
        CHECK(hmac_sha256_hex(key, std::string(50, '\xcd')) ==
              "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    }
    SUBCASE("5: the first 128 bits are the RFC's truncated result") {
        CHECK(hmac_sha256_hex(std::string(20, '\x0c'), "Test With Truncation").substr(0, 32) ==
              "a3b6167473100ee06e0c796c2955552b");
    }
    SUBCASE("6: a key longer than a block is hashed first") {
        CHECK(hmac_sha256_hex(std::string(131, '\xaa'),
                              "Test Using Larger Than Block-Size Key - Hash Key First") ==
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
    SUBCASE("7: key and data both longer than a block") {
        CHECK(hmac_sha256_hex(std::string(131, '\xaa'),
                              "This is a test using a larger than block-size key and a larger "
                              "than block-size data. The key needs to be hashed before being "
                              "used by the HMAC algorithm.") ==
              "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }
}

TEST_CASE("the signature header's value is sha256= and the hex HMAC of the exact body") {
    const std::string body = R"({"event":"rollout_started"})";
    CHECK(signature_value("Jefe", body) == "sha256=" + hmac_sha256_hex("Jefe", body));
    // One byte more (a newline a sender might add) is another signature.
    CHECK(signature_value("Jefe", body + "\n") != signature_value("Jefe", body));
    CHECK(k_signature_header == "X-Fleet-Signature");
}

TEST_CASE("an empty message and an empty key are signed, not refused") {
    // RFC 2104 with an empty key and empty data (the value Python's hmac
    // module and `openssl dgst -hmac ''` give).
    CHECK(hmac_sha256_hex("", "") ==
          "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}
