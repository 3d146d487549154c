#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fleet::inventory {

// A number of targets written either as a count ("10") or as a percentage of
// the targets in play ("10%"): rollout.batch and rollout.max_failures.
// Turning a percentage into a count (rounding) is the rollout planner's call.
struct Amount {
    enum class Unit { count, percent };

    Unit unit = Unit::count;
    int value = 0;

    static Amount count(int value) { return {Unit::count, value}; }
    static Amount percent(int value) { return {Unit::percent, value}; }

    bool is_percent() const { return unit == Unit::percent; }
    // "10" or "10%", as parse_amount reads it back.
    std::string to_string() const;

    bool operator==(const Amount&) const = default;
};

// Parses "10" or "10%": digits only, with an optional trailing '%'. Range
// checks (a batch of at least 1, at most 100%) are the caller's, which knows
// the key. nullopt for anything else. Never throws.
std::optional<Amount> parse_amount(std::string_view text);

} // namespace fleet::inventory
