#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

// What every harness shares: the libFuzzer entry point's signature and the
// input as text. The parsers take text, so bytes are handed over unchanged
// (embedded NULs and invalid UTF-8 included: a hostile file has them too).
namespace fleet::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace fleet::fuzz

// Defined once per harness; libFuzzer calls it with each input. Returns 0.
// Only a fleet::Error may leave the parser under test: the harness swallows
// those, and anything else (another exception, a crash, a sanitizer report)
// is a finding.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
