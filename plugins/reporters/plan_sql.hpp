#pragma once

#include "plugins/reporters/plan_report.hpp"

#include <ostream>

// `fleet plan --sql`: one SQL script per target, in inventory order, each
// opened by "-- fleet target: ENV/DATABASE" (as `upgrade --sql` over several
// targets prints), so a DBA can split the output. A target with nothing to do
// or that could not be planned gets a comment saying so instead of SQL.
namespace fleet::plugins::reporters {

// Writes the scripts the engine rendered (TargetPlan::sql). Never throws but
// what out throws.
void render_plan_sql(const PlanReport& report, std::ostream& out);

} // namespace fleet::plugins::reporters
