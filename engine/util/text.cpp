#include "engine/util/text.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fleet::engine::util {

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string one_line(std::string_view text) {
    std::string line;
    line.reserve(text.size());
    bool gap = false;
    for (char c : trim(text)) {
        if (is_space(c)) {
            gap = true;
            continue;
        }
        if (gap) line += ' ';
        gap = false;
        line += c;
    }
    return line;
}

std::string name_list(const std::vector<std::string>& names, std::size_t shown) {
    if (names.size() <= shown) return fmt::format("{}", fmt::join(names, ", "));
    return fmt::format(
        "{}, ... ({} in all)",
        fmt::join(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(shown), ", "),
        names.size());
}

std::string revision_list(const std::vector<std::string>& revisions) {
    return revisions.empty() ? "base" : fmt::format("{}", fmt::join(revisions, ", "));
}

std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out(2 * size, '0');
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = k_digits[bytes[i] >> 4];
        out[2 * i + 1] = k_digits[bytes[i] & 0x0f];
    }
    return out;
}

bool contains(const std::vector<std::string>& names, std::string_view name) noexcept {
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace fleet::engine::util
