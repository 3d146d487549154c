#pragma once

#include "engine/command/target_locks.hpp"
#include "engine/error.hpp"

#include <cstddef>
#include <string>
#include <vector>

// The content of `fleet locks`: one TargetLocks per target, and the counts
// the summary and the exit code come from. locks_table and locks_json render
// it; README.md in this folder documents both.
namespace fleet::plugins::reporters {

using engine::command::LockState;
using engine::command::TargetLocks;

struct LocksRow {
    std::string environment;
    std::string database;
    TargetLocks locks;
};

struct LocksCounts {
    std::size_t targets = 0;
    std::size_t held = 0;
    std::size_t free = 0;
    std::size_t failed = 0; // unreachable or error
};
LocksCounts count_locks(const std::vector<LocksRow>& rows);

// The exit code of `fleet locks`: 1 (failed) when a target could not be
// asked, else 0 — a held lock is news, not an error.
ExitCode locks_exit_code(const std::vector<LocksRow>& rows);

} // namespace fleet::plugins::reporters
