#include "engine/revision/revision_syntax.hpp"

#include <regex>

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

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

std::optional<RelativeSpec> match_relative(std::string_view text) {
    // ECMAScript and Python's re backtrack alike for this pattern, so the
    // first match (and so the lazy label) is the same one.
    static const std::regex k_pattern(R"((?:(.+?)@)?(\w+)?((?:\+|-)\d+))");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_search(text.begin(), text.end(), m, k_pattern,
                           std::regex_constants::match_continuous))
        return std::nullopt;
    RelativeSpec spec;
    if (m[1].matched) spec.branch_label = m[1].str();
    if (m[2].matched) spec.symbol = m[2].str();
    spec.relative = m[3].str();
    spec.steps = *python_int(spec.relative);
    return spec;
}

std::optional<int> python_int(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && is_space(text[begin]))
        ++begin;
    while (end > begin && is_space(text[end - 1]))
        --end;
    text = text.substr(begin, end - begin);
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
