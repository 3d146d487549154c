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

// A revision's derived downgrade (INTERFACE.md, "Reversal"): the upgrade's
// steps in reverse order, each by its opposite, each reversed against the
// schema just before it (`before` advanced through the upgrade). Throws
// InputError as reverse() does for the first step of the downgrade (the last
// of the upgrade) that has no opposite, and
// as SchemaModel::apply does for a step that cannot apply.
std::vector<Operation> derive_downgrade(const std::vector<Operation>& upgrade, SchemaModel before,
                                        const std::string& file);

} // namespace fleet::engine::ops
