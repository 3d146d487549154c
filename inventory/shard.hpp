#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fleet::inventory {

// --shard K/N: the K-th of N slices of a selection, so that N fleet processes
// (a Kubernetes Indexed Job, a CI matrix) share one fleet.
//
// K counts from 0 to N-1, as Kubernetes' JOB_COMPLETION_INDEX does, so an
// Indexed Job passes `--shard $JOB_COMPLETION_INDEX/N` as it is.
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

    // Whether the target of this full name ("ENV/NAME") is in this slice.
    bool contains(std::string_view full_name) const;

    // "K/N".
    std::string to_string() const;
};

// 64-bit FNV-1a: fixed by this file, never std::hash (whose value may differ
// between builds). Never throws.
std::uint64_t stable_hash(std::string_view text);

} // namespace fleet::inventory
