#pragma once

#include "orchestrator/rollout/rollout_json.hpp"

#include <iosfwd>

namespace fleet::orchestrator::rollout {

// A rollout's report as JUnit XML (plugins/reporters/junit_xml.hpp), what
// `upgrade`, `downgrade` and the other changing commands print with
// --format junit, for a CI server's test report: <testsuites name="fleet
// upgrade head"> holds a <testsuite> per environment (in the order of the
// report), a <testcase> per target: classname the environment, name the
// database, time its duration in seconds. A done target passes (its
// committed steps in <system-out>); a failed one holds <failure> (message:
// the error's first line with its "error:" line, type: its kind, text: revision, statement,
// SQLSTATE, file and line, then the whole message); a cancelled one <error
// type="cancelled">; one never started <skipped> with the reason. Never
// throws but what out throws.
void write_rollout_junit(const RolloutDocument& document, std::ostream& out);

} // namespace fleet::orchestrator::rollout
