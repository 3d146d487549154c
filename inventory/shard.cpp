#include "inventory/shard.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>

namespace fleet::inventory {

namespace {

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

} // namespace

Shard Shard::parse(std::string_view text) {
    std::size_t slash = text.find('/');
    std::optional<int> index, count;
    if (slash != std::string_view::npos) {
        index = parse_int(text.substr(0, slash));
        count = parse_int(text.substr(slash + 1));
    }
    if (!index || !count || *count < 1 || *index >= *count)
        throw UsageError(fmt::format("--shard '{}' must be K/N with 0 <= K < N: K counts from 0, "
                                     "like JOB_COMPLETION_INDEX (--shard 0/3, 1/3, 2/3)",
                                     text));
    return Shard{*index, *count};
}

bool Shard::contains(std::string_view full_name) const {
    return stable_hash(full_name) % static_cast<std::uint64_t>(count) ==
           static_cast<std::uint64_t>(index);
}

std::string Shard::to_string() const { return fmt::format("{}/{}", index, count); }

std::uint64_t stable_hash(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

} // namespace fleet::inventory
