#include "orchestrator/notify/signature.hpp"

#include "engine/util/text.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace fleet::orchestrator::notify {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    // An empty view may have a null data(), which HMAC() reads as "no key"
    // rather than an empty one: point at a real byte instead.
    static const unsigned char k_empty = 0;
    const auto* key_bytes =
        key.empty() ? &k_empty : reinterpret_cast<const unsigned char*>(key.data());
    const auto* message_bytes =
        message.empty() ? &k_empty : reinterpret_cast<const unsigned char*>(message.data());
    if (HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()), message_bytes, message.size(),
             digest, &size) == nullptr)
        throw std::runtime_error("OpenSSL could not compute an HMAC-SHA256");
    return engine::util::hex(digest, size);
}

std::string signature_value(std::string_view secret, std::string_view body) {
    return "sha256=" + hmac_sha256_hex(secret, body);
}

} // namespace fleet::orchestrator::notify
