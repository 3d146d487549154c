#include "engine/lint/size_text.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace fleet::engine::lint {

std::string rows_text(double rows) {
    const double n = std::max(0.0, std::round(rows));
    if (n == 1) return "1 row";
    if (n < 1e3) return fmt::format("{} rows", static_cast<long long>(n));
    struct Unit {
        double size;
        const char* suffix;
    };
    static constexpr std::array<Unit, 3> k_units{{{1e9, "B"}, {1e6, "M"}, {1e3, "K"}}};
    for (const auto& unit : k_units) {
        if (n < unit.size) continue;
        const double scaled = n / unit.size;
        return scaled >= 100 || scaled == std::floor(scaled)
                   ? fmt::format("{:.0f}{} rows", scaled, unit.suffix)
                   : fmt::format("{:.1f}{} rows", scaled, unit.suffix);
    }
    return fmt::format("{} rows", static_cast<long long>(n));
}

std::string bytes_text(long long bytes) {
    if (bytes < 1024) return fmt::format("{} bytes", std::max(0LL, bytes));
    static constexpr std::array<const char*, 4> k_units{"kB", "MB", "GB", "TB"};
    double scaled = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (scaled >= 1024 && unit + 1 < k_units.size()) {
        scaled /= 1024;
        ++unit;
    }
    return fmt::format("{:.1f} {}", scaled, k_units[unit]);
}

} // namespace fleet::engine::lint
