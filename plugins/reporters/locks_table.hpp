#pragma once

#include "plugins/reporters/locks_report.hpp"

#include <ostream>
#include <vector>

// `fleet locks` for people: a table of the held locks (one row per holder:
// TARGET, PID, APPLICATION, CLIENT, SINCE, ACTIVITY), then each target that
// could not be asked with its reason, then one line for the free ones
// ("38 of 40 targets: no migration lock held"). Documented in README.md of
// this folder.
namespace fleet::plugins::reporters {

// Writes the rows (inventory order) to out. Never throws but what out throws.
void render_locks_table(const std::vector<LocksRow>& rows, std::ostream& out);

} // namespace fleet::plugins::reporters
