#include "engine/revision/revision_syntax.hpp"

#include "engine/util/text.hpp"

namespace fleet::engine::revision::detail {

namespace {

// A walk of more steps than any graph has revisions stops early anyway; the
// clamp only keeps the count in an int.
constexpr long long k_max_steps = 1'000'000'000;

int clamp_steps(long long value) {
    if (value > k_max_steps) return static_cast<int>(k_max_steps);
    if (value < -k_max_steps) return static_cast<int>(-k_max_steps);
    return static_cast<int>(value);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

namespace {

bool is_word(char c) {
    return is_digit(c) || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// `(\w+)?([+-]\d+)` at the start of rest. A word run can only be followed by
// the sign, so the longest run is the only one that can match.
std::optional<RelativeSpec> match_symbol_and_steps(std::string_view rest) {
    std::size_t word = 0;
    while (word < rest.size() && is_word(rest[word]))
        ++word;
    if (word >= rest.size() || (rest[word] != '+' && rest[word] != '-')) return std::nullopt;
    std::size_t end = word + 1;
    while (end < rest.size() && is_digit(rest[end]))
        ++end;
    if (end == word + 1) return std::nullopt;
    RelativeSpec spec;
    if (word > 0) spec.symbol = std::string(rest.substr(0, word));
    spec.relative = std::string(rest.substr(word, end - word));
    spec.steps = *python_int(spec.relative);
    return spec;
}

} // namespace

std::optional<RelativeSpec> match_relative(std::string_view text) {
    // Alembic's re.match of `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`, by hand (GCC 12's
    // <regex> trips -Wmaybe-uninitialized under sanitizers): the lazy label
    // tries each '@' from the left, then no label at all; trailing text is
    // allowed, as re.match allows it.
    for (std::size_t at = text.find('@', 1); at != std::string_view::npos;
         at = text.find('@', at + 1)) {
        if (text.substr(0, at).find('\n') != std::string_view::npos)
            break; // '.' stops at a newline
        if (auto spec = match_symbol_and_steps(text.substr(at + 1))) {
            spec->branch_label = std::string(text.substr(0, at));
            return spec;
        }
    }
    return match_symbol_and_steps(text);
}

std::optional<int> python_int(std::string_view text) {
    text = util::trim(text);
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || !is_digit(text.front()) || !is_digit(text.back())) return std::nullopt;
    long long value = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '_') {
            if (!is_digit(text[i - 1]) || !is_digit(text[i + 1])) return std::nullopt;
            continue;
        }
        if (!is_digit(c)) return std::nullopt;
        if (value <= k_max_steps) value = value * 10 + (c - '0');
    }
    return clamp_steps(negative ? -value : value);
}

} // namespace fleet::engine::revision::detail
