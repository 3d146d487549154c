#pragma once

#include "plugins/reporters/audit_report.hpp"
#include "plugins/reporters/status_table.hpp"

#include <cstddef>
#include <ostream>

// `fleet audit` as text for people: the status table first, then a section
// for edited scripts, one for schema drift, one for checks that could not
// run, and a closing summary line. Layout in README.md of this folder.
namespace fleet::plugins::reporters {

struct AuditTableOptions {
    TableOptions status;
    // How many differences a drift line shows before "and N more" (JSON has all).
    std::size_t differences_shown = 3;
};

// Writes the report to out. Never throws but what out throws.
void render_audit_table(const AuditReport& report, std::ostream& out,
                        const AuditTableOptions& options = {});

} // namespace fleet::plugins::reporters
