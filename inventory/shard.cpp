#include "inventory/shard.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <initializer_list>
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

// One variable of --shard auto: the first of `names` that is set (and not
// empty), with its name for the messages.
struct Variable {
    std::string name;
    int value = 0;
};

std::optional<Variable> first_set(const Shard::Environment& environment,
                                  std::initializer_list<const char*> names) {
    for (const char* name : names) {
        auto text = environment(name);
        if (!text || text->empty()) continue;
        auto value = parse_int(*text);
        if (!value)
            throw UsageError(
                fmt::format("--shard auto: {} is '{}', not a whole number", name, *text));
        return Variable{name, *value};
    }
    return std::nullopt;
}

} // namespace

Shard Shard::from_environment(const Environment& environment) {
    auto index = first_set(environment, {"JOB_COMPLETION_INDEX", "CI_NODE_INDEX"});
    auto total = first_set(environment, {"FLEET_SHARD_TOTAL", "CI_NODE_TOTAL"});
    if (!index || !total)
        throw UsageError("--shard auto: set JOB_COMPLETION_INDEX (Kubernetes) or CI_NODE_INDEX "
                         "(GitLab), and FLEET_SHARD_TOTAL or CI_NODE_TOTAL");
    if (total->value < 1)
        throw UsageError(
            fmt::format("--shard auto: {} is {}; it must be 1 or more", total->name, total->value));
    // GitLab counts its parallel jobs from 1; fleet's K, like Kubernetes',
    // from 0.
    const bool from_one = index->name == "CI_NODE_INDEX";
    const int k = from_one ? index->value - 1 : index->value;
    if (k < 0 || k >= total->value)
        throw UsageError(fmt::format("--shard auto: {}={} is out of range for {}={} ({} to {})",
                                     index->name, index->value, total->name, total->value,
                                     from_one ? 1 : 0, from_one ? total->value : total->value - 1));
    return Shard{k, total->value};
}

Shard Shard::resolve(std::string_view text, const Environment& environment) {
    if (text == "auto") return from_environment(environment);
    return parse(text);
}

std::optional<std::string> process_environment(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
}

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
