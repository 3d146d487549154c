#pragma once

#include <string>
#include <string_view>

namespace fleet::engine::script {

// The lowercase hex SHA-256 (FIPS 180-4) of `bytes`: the checksum fleet
// records for each script it runs, so an edit made after a run shows up in
// `fleet audit`. Computed by OpenSSL's libcrypto (EVP), which the binary
// links anyway through libpq. Throws std::runtime_error only if OpenSSL
// itself fails (out of memory).
std::string sha256_hex(std::string_view bytes);

} // namespace fleet::engine::script
