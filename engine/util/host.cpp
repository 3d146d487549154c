#include "engine/util/host.hpp"

#include <unistd.h>

#include <array>

namespace fleet::engine::util {

std::string host_name() {
    // POSIX allows a truncated name without a terminating NUL: the last byte
    // stays 0.
    std::array<char, 256> buffer{};
    if (::gethostname(buffer.data(), buffer.size() - 1) != 0) return {};
    return buffer.data();
}

} // namespace fleet::engine::util
