#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace fleet::inventory {

// --shard K/N: the K-th of N slices of a selection, so that N fleet processes
// (a Kubernetes Indexed Job, a CI matrix) share one fleet.
//
// K counts from 0 to N-1, as Kubernetes' JOB_COMPLETION_INDEX does, so an
// Indexed Job passes `--shard $JOB_COMPLETION_INDEX/N` as it is, or
// `--shard auto` (Shard::resolve) to read K and N from the environment.
//
// A target belongs to slice fnv1a64("ENV/NAME") % N. Each target's slice
// depends on its own name alone, so the slices are disjoint and cover the
// selection even when processes load the inventory at different moments
// (a for_each query or glob that gained a row shifts no one else), and
// they stay the same across fleet versions and machines. The price: slices
// are balanced only statistically, noticeably uneven for a handful of targets.
struct Shard {
    int index = 0; // K, 0 <= K < N
    int count = 1; // N >= 1

    // Parses "K/N". Throws fleet::UsageError naming the text and the rule.
    static Shard parse(std::string_view text);

    // The value of an environment variable, or nullopt when it is unset.
    using Environment = std::function<std::optional<std::string>(const std::string& name)>;

    // --shard auto: the slice the engine running this process assigned.
    // K is $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, from 0) or else
    // $CI_NODE_INDEX (GitLab's `parallel:`, from 1); N is $FLEET_SHARD_TOTAL
    // or else $CI_NODE_TOTAL (Kubernetes tells a pod its index, not the
    // Job's completions). An empty variable counts as unset. Throws
    // fleet::UsageError naming the variables when one is missing, not a
    // whole number, or out of range.
    static Shard from_environment(const Environment& environment);

    // What --shard TEXT means: from_environment(environment) for "auto",
    // parse(text) otherwise. Throws as those do.
    static Shard resolve(std::string_view text, const Environment& environment);

    // Whether the target of this full name ("ENV/NAME") is in this slice.
    bool contains(std::string_view full_name) const;

    // "K/N".
    std::string to_string() const;
};

// The process's environment (std::getenv), for Shard::resolve.
std::optional<std::string> process_environment(const std::string& name);

// 64-bit FNV-1a: fixed by this file, never std::hash (whose value may differ
// between builds). Never throws.
std::uint64_t stable_hash(std::string_view text);

} // namespace fleet::inventory
