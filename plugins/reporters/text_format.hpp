#pragma once

#include <cstddef>
#include <string>

// Small text helpers every table reporter uses.
namespace fleet::plugins::reporters {

// text on one line: runs of spaces, tabs and line breaks become one space,
// trailing ones go. Driver messages and queries span lines; a table cell or a
// block's line must not. Never throws but std::bad_alloc.
std::string one_line(const std::string& text);

// "1 target", "3 targets": count and the noun, in the form the count needs.
std::string plural(std::size_t count, const char* one, const char* many);
// The same for nouns whose plural only adds "s".
std::string plural(std::size_t count, const char* noun);

} // namespace fleet::plugins::reporters
