#pragma once

#include <string>
#include <string_view>

// The signature of a webhook's body, so a receiver can tell fleet's requests
// from anyone else's: HMAC-SHA256 (RFC 2104, FIPS 180-4) keyed with the
// entry's secret, over the exact bytes sent.
namespace fleet::orchestrator::notify {

// The header that carries the signature.
inline constexpr std::string_view k_signature_header = "X-Fleet-Signature";

// The lowercase hex HMAC-SHA256 of message under key (any length; a key
// longer than SHA-256's block is hashed first, as RFC 2104 says). Computed
// by OpenSSL's libcrypto. Throws std::runtime_error only if OpenSSL itself
// fails. Thread-safe.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// The X-Fleet-Signature header's value for body: "sha256=" and the hex HMAC
// (GitHub's convention for its webhooks, which receivers already know how
// to check). Throws as hmac_sha256_hex.
std::string signature_value(std::string_view secret, std::string_view body);

} // namespace fleet::orchestrator::notify
