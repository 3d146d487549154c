#pragma once

#include "plugins/reporters/status_report.hpp"

#include <cstddef>
#include <ostream>
#include <string>

// `fleet status` as a table for people: the rows (unhealthy first, worst
// first, then by environment in inventory order), one summary line per
// environment, and the environments compared with the most advanced one.
// The layout is documented, with an example, in README.md of this folder.
namespace fleet::plugins::reporters {

struct TableOptions {
    // Every row; else, above collapse_above rows, the healthy rows collapse
    // into one "(N more)" row per environment.
    bool all = false;
    std::size_t collapse_above = 50;
    // How many missing revision ids a comparison line names before "...".
    std::size_t missing_shown = 8;
};

// Writes the report to out. Never throws but what out throws.
void render_status_table(const StatusReport& report, std::ostream& out,
                         const TableOptions& options = {});

// The STATE cell: "up to date", "behind 3", "unreachable: <reason>", ...
// on one line.
std::string state_text(const TargetStatus& status);

} // namespace fleet::plugins::reporters
