#include "engine/util/unicode.hpp"

#include <utf8proc.h>

namespace fleet::engine::util {

namespace {

constexpr char32_t k_escape_base = 0xdc00; // surrogateescape: byte b -> U+DC00 + b
constexpr char32_t k_capital_i_dot = 0x130;
constexpr char32_t k_capital_sigma = 0x3a3;
constexpr char32_t k_final_sigma = 0x3c2;
constexpr char32_t k_combining_dot_above = 0x307;

utf8proc_category_t category(char32_t code_point) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(code_point));
}

// Unicode's Cased: has an upper or lower case form, or is a cased letter.
bool is_cased(char32_t c) {
    const auto cp = static_cast<utf8proc_int32_t>(c);
    const auto cat = category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || utf8proc_tolower(cp) != cp || utf8proc_toupper(cp) != cp;
}

// Unicode's Case_Ignorable, closely enough for the final-sigma rule: marks,
// format characters, modifier letters and symbols, and the in-word
// punctuation of Word_Break (apostrophes, period, colon, middle dot).
bool is_case_ignorable(char32_t c) {
    switch (category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_SK:
        return true;
    default:
        return c == '\'' || c == '.' || c == ':' || c == 0xb7 || c == 0x2018 || c == 0x2019 ||
               c == 0x2024 || c == 0xfe52 || c == 0xff07 || c == 0xff0e;
    }
}

// Python's Final_Sigma test: a cased letter before (past case-ignorables) and
// none after.
bool final_sigma(std::u32string_view text, std::size_t at) {
    std::size_t before = at;
    while (before > 0 && is_case_ignorable(text[before - 1]))
        --before;
    if (before == 0 || !is_cased(text[before - 1])) return false;
    std::size_t after = at + 1;
    while (after < text.size() && is_case_ignorable(text[after]))
        ++after;
    return after == text.size() || !is_cased(text[after]);
}

} // namespace

std::u32string utf8_decode(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        utf8proc_ssize_t length = utf8proc_iterate(bytes, left, &code_point);
        if (length <= 0) {
            out += k_escape_base + *bytes;
            length = 1;
        } else {
            out += static_cast<char32_t>(code_point);
        }
        bytes += length;
        left -= length;
    }
    return out;
}

std::string utf8_encode(std::u32string_view code_points) {
    std::string out;
    out.reserve(code_points.size());
    for (char32_t c : code_points) {
        if (c >= k_escape_base + 0x80 && c <= k_escape_base + 0xff) {
            out += static_cast<char>(c - k_escape_base);
            continue;
        }
        utf8proc_uint8_t buffer[4];
        const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buffer);
        out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
    }
    return out;
}

bool is_python_word(char32_t code_point) noexcept {
    if (code_point == '_') return true;
    switch (category(code_point)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

std::u32string python_lower(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == k_capital_i_dot) {
            // SpecialCasing.txt's one unconditional lowercase expansion.
            out += U'i';
            out += k_combining_dot_above;
        } else if (c == k_capital_sigma && final_sigma(text, i)) {
            out += k_final_sigma;
        } else {
            out += static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
        }
    }
    return out;
}

} // namespace fleet::engine::util
