#pragma once

#include "engine/autogen/schema_diff_ops.hpp"
#include "engine/ops/operation.hpp"

#include <string>
#include <vector>

// Operations as the step lines of a YAML revision's upgrade or downgrade
// list ("  - create_table: ..."), in INTERFACE.md's vocabulary, so that
// engine/script's reader gives back the same operations. String literals
// are always double-quoted (a YAML scalar left plain would read back as a
// number or a boolean); every index and constraint is written with its
// name. What autogenerate writes into a new revision file.
namespace fleet::engine::autogen {

// The steps, each "  - <operation>: ..." over one or more lines, indented
// two spaces to sit under `upgrade:`; "" for no operations. An Execute or
// BulkInsert is written too, so any operation list can be written.
// `notes` (by operation index, schema_diff_ops.hpp) are written as comment
// lines just above their step.
std::string yaml_steps(const std::vector<ops::Operation>& operations, const Notes& notes = {});

} // namespace fleet::engine::autogen
