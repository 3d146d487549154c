#pragma once

#include "engine/autogen/schema_diff_ops.hpp"
#include "engine/ops/operation.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace fleet::plugins::reporters {

// `fleet check --format junit`: the comparison as JUnit XML (junit_xml.hpp)
// for a CI server's test report. One <testsuite name="check"> holds a
// failing <testcase> per operation autogenerate would write (classname: what
// was compared, `compared`; name: the step and what it is about, "add_column
// accounts.plan"; the failure's text: the YAML step as the revision would
// hold it, its note included), or, when nothing differs, one passing case
// "schema in sync". Never throws but what out throws.
void render_check_junit(const std::vector<engine::ops::Operation>& operations,
                        const engine::autogen::Notes& notes, const std::string& compared,
                        std::ostream& out);

} // namespace fleet::plugins::reporters
