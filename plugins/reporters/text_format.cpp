#include "plugins/reporters/text_format.hpp"

#include <fmt/format.h>

namespace fleet::plugins::reporters {

std::string plural(std::size_t count, const char* one, const char* many) {
    return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::string plural(std::size_t count, const char* noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

} // namespace fleet::plugins::reporters
