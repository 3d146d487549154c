#pragma once

#include <cstddef>
#include <string>

// Small text helpers every table reporter uses; the ones other layers use
// too (one_line, name_list, revision_list) are in engine/util/text.hpp.
namespace fleet::plugins::reporters {

// "1 target", "3 targets": count and the noun, in the form the count needs.
std::string plural(std::size_t count, const char* one, const char* many);
// The same for nouns whose plural only adds "s".
std::string plural(std::size_t count, const char* noun);

} // namespace fleet::plugins::reporters
