#pragma once

#include "plugins/reporters/diff_report.hpp"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

// `fleet diff` as text for people; the layout is documented, with examples,
// in README.md of this folder.
namespace fleet::plugins::reporters {

struct DiffTableOptions {
    // How many target names a schema line lists before "... (N in all)".
    std::size_t targets_shown = 5;
};

// Writes the report to out. Never throws but what out throws.
void render_diff_table(const DiffReport& report, std::ostream& out,
                       const DiffTableOptions& options = {});

// "SIGN DESCRIPTION", one difference as a line (no newline).
std::string difference_line(const Difference& difference);

} // namespace fleet::plugins::reporters
