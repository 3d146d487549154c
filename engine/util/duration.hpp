#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// Durations as text, in two forms: the one the inventory reads and writes
// (exact, round-trips through parse_duration), and the one people read in
// progress lines (short, rounded). ccache's util/duration.hpp.
namespace fleet::engine::util {

// Parses a duration as the inventory writes it: "500ms", "5s", "2m", "1h", or
// a plain number of seconds ("30", "1.5"). Fractions are allowed with every
// unit and rounded to the millisecond. nullopt for anything else (negative
// numbers, spaces, other units, more than about 30 years). Never throws.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// The exact form, the largest whole unit that parse_duration reads back:
// "0s", "500ms", "1500ms", "5s", "90s", "2m", "1h". What a message shows for a
// setting, so it can be copied into the inventory. Negative durations are
// written as 0s. Never throws but std::bad_alloc.
std::string format_duration(std::chrono::milliseconds duration);

// The human form, for elapsed and remaining times: "340ms", "12.3s",
// "4m05s", "1h02m" (rounded down to the unit shown; negative as "0ms"). Not
// meant to be parsed back. Never throws but std::bad_alloc.
std::string human_duration(std::chrono::milliseconds duration);

} // namespace fleet::engine::util
