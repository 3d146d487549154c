#pragma once

#include "engine/ops/operation.hpp"
#include "engine/ops/schema_model.hpp"

#include <string>
#include <vector>

// The opposite of an operation, as Alembic's MigrateOperation.reverse() gives
// it: what a derived downgrade runs (INTERFACE.md, "Reversal").
namespace fleet::engine::ops {

// The operations that undo `op`, in the order to run them, given `before`:
// the schema just before `op` ran. What a drop destroys (the table's whole
// definition and its indexes, the column, the index, the constraint) and
// the old values an alter_column overwrote (its existing_* when given) are
// taken from `before`. Each result carries op's line. Throws InputError
// (file, op's line, naming the step) when `op` has no opposite: execute and
// bulk_insert, or an object `before` does not know (an execute made it).
std::vector<Operation> reverse(const Operation& op, const SchemaModel& before,
                               const std::string& file);

} // namespace fleet::engine::ops
