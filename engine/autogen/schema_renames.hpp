#pragma once

#include "engine/autogen/catalog_ops.hpp"
#include "engine/autogen/rename_hints.hpp"
#include "engine/ops/operation.hpp"
#include "engine/schema/schema.hpp"

#include <vector>

// Renames, where the declared schema hints them: rename_table and
// alter_column's new_column_name, and the `from` schema as its catalog would
// read after them, so the rest of the comparison sees what is left to do.
namespace fleet::engine::autogen {

struct Renamed {
    std::vector<ops::Operation> operations; // the renames, tables first
    schema::Schema schema;                  // `from` after them, normalize()d
};

// `hints` are keyed by the names in `to` (tables: name in `to` -> name in
// `from`; columns: (table in `to`, column in `to`) -> column in `from`). A
// hint is followed only where it still applies: the old name is in `from`
// and not in `to`, the new one in `to` and not in `from`. One that has
// already run (both sides have the new name) is skipped without a word, as
// a declared schema keeps its hints after the rename is applied.
Renamed apply_renames(const schema::Schema& from, const schema::Schema& to,
                      const RenameHints& hints, const CatalogOps& catalog);

// The same hints the other way round: for the downgrade, where `to` is the
// schema before and `from` the declared one.
RenameHints reversed(const RenameHints& hints);

} // namespace fleet::engine::autogen
