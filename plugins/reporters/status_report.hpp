#pragma once

#include "engine/command/target_status.hpp"
#include "engine/error.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

// The content of `fleet status`, built from one TargetStatus per target:
// the rows, one summary per environment, and each environment compared with
// the most advanced one. Pure values, no I/O; status_table and status_json
// render it. README.md in this folder documents both forms and the exit code.
namespace fleet::plugins::reporters {

using engine::command::StatusState;
using engine::command::TargetStatus;

// How many states there are (StatusState's values are 0..k_state_count-1).
inline constexpr std::size_t k_state_count = static_cast<std::size_t>(StatusState::up_to_date) + 1;

// One target's line.
struct StatusRow {
    std::string environment;
    std::string database;
    TargetStatus status;
};

// An environment next to the most advanced one.
struct EnvironmentComparison {
    std::string against;      // the most advanced environment's name
    std::size_t behind = 0;   // targets here missing a revision applied there
    std::size_t compared = 0; // targets here whose applied revisions are known
    // Revisions applied somewhere in `against` and missing on at least one
    // target here, in upgrade order (lowest first).
    std::vector<std::string> missing;
};

struct EnvironmentSummary {
    std::string name;
    std::size_t targets = 0;
    std::array<std::size_t, k_state_count> states{}; // targets per StatusState
    // Absent for the most advanced environment itself, and when there is none.
    std::optional<EnvironmentComparison> comparison;

    std::size_t count(StatusState state) const { return states[static_cast<std::size_t>(state)]; }
};

struct StatusReport {
    std::vector<StatusRow> rows;                  // in inventory order
    std::vector<EnvironmentSummary> environments; // in inventory order
    // The environment with the most revisions applied on some target; among
    // equals, the one with the most applied on every target; then the later
    // one in inventory order (the one nearer production). Empty when no
    // target's revisions could be read or nothing is applied anywhere.
    std::string most_advanced;
};

// Builds the report. environments gives the inventory order; an environment
// of a row missing from it is added after the others. Never throws but
// std::bad_alloc.
StatusReport summarize(std::vector<StatusRow> rows, const std::vector<std::string>& environments);

// The exit code of `fleet status`: 1 (failed) when a target was unreachable
// or could not be read — the report is incomplete, and that is the first
// thing to fix; else 3 (out of sync) when any target is not up to date; else
// 0.
ExitCode status_exit_code(const StatusReport& report);

// How many targets are in each group that decides the exit code.
struct StatusCounts {
    std::size_t targets = 0;
    std::size_t unreadable = 0; // unreachable or error
    std::size_t unhealthy = 0;  // anything but up_to_date (unreadable included)
};
StatusCounts count_states(const StatusReport& report);

} // namespace fleet::plugins::reporters
