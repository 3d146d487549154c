#include "inventory/amount.hpp"

#include <charconv>

namespace fleet::inventory {

std::string Amount::to_string() const { return std::to_string(value) + (is_percent() ? "%" : ""); }

std::optional<Amount> parse_amount(std::string_view text) {
    Amount::Unit unit = Amount::Unit::count;
    if (text.ends_with('%')) {
        unit = Amount::Unit::percent;
        text.remove_suffix(1);
    }
    if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return Amount{unit, value};
}

} // namespace fleet::inventory
