#pragma once

#include "orchestrator/rollout/rollout_report.hpp"

#include <iosfwd>

namespace fleet::orchestrator::rollout {

// A rollout's report for people, as a rollout prints it on stdout after its
// progress on stderr (and `fleet report merge` after joining the shards'):
// one line per target not done (every target with `verbose`), its message
// indented below it, then the summary:
//   failed    prod/t2  1 step(s), 0.4s
//       revision 2b: relation "x" does not exist
//   3 target(s): 2 done, 1 failed, 0 skipped, 0 cancelled — halted: <why>
// Never throws but what out throws.
void write_report_text(const RolloutReport& report, bool verbose, std::ostream& out);

} // namespace fleet::orchestrator::rollout
