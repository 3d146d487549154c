#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace fleet::engine::script {

// SHA-256 (FIPS 180-4), enough of it to fingerprint revision files: fleet
// records the checksum of each script it runs, so an edit made after a run
// shows up in `fleet audit`. Written here rather than pulled from a crypto
// library because the engine links no crypto library and needs nothing else.
class Sha256 {
public:
    // Feeds more bytes. May be called any number of times before hex_digest().
    void update(std::string_view bytes);

    // The digest of everything fed so far, as 64 lowercase hex digits. Ends
    // this hash: call update() again only after reset().
    std::string hex_digest();

    // Starts over with no bytes fed.
    void reset();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> m_state = k_initial_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_total_bytes = 0;

    static constexpr std::array<std::uint32_t, 8> k_initial_state{
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
};

// The lowercase hex SHA-256 of `bytes`. Never throws.
std::string sha256_hex(std::string_view bytes);

} // namespace fleet::engine::script
