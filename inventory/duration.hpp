#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fleet::inventory {

// Parses a duration of the inventory: "500ms", "5s", "2m", "1h", or a plain
// number of seconds ("30", "1.5"). Fractions are allowed with every unit and
// rounded to the millisecond. nullopt for anything else (negative numbers,
// spaces, other units, more than about 30 years). Never throws.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest spelling parse_duration reads back: "0s", "500ms", "5s", "2m",
// "1h", "1500ms". Never throws but std::bad_alloc.
std::string format_duration(std::chrono::milliseconds duration);

} // namespace fleet::inventory
