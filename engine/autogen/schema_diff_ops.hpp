#pragma once

#include "engine/autogen/catalog_ops.hpp"
#include "engine/autogen/rename_hints.hpp"
#include "engine/ops/operation.hpp"
#include "engine/schema/schema.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

// The operations that take a database whose catalog reads `from` to one
// that reads `to`: what autogenerate writes as a revision's upgrade (and,
// with the sides swapped, its downgrade, which therefore carries the full
// definition of everything the upgrade drops). Both schemas must be
// normalize()d and read from the same dialect. Views are not compared here.
//
// The order makes every foreign key resolve: foreign keys that go away are
// dropped first, then indexes and constraints, then tables (a child before
// the table it refers to); new tables are created parents first with their
// keys inline, and a key that would refer forward (a cycle, or a table
// created later) is added by create_foreign_key at the end, with the keys
// of kept tables; an enum type whose labels change is changed (an
// alter_column for each kept column of it) after the drops and before any
// new table or column uses the new labels; columns are added, altered, then
// dropped, and a kept table's comment set; constraints and indexes follow
// their columns.
namespace fleet::engine::autogen {

// The schema as autogenerate compares it: without views (not compared), and
// every primary key column NOT NULL (as it is on PostgreSQL; SQLite reports
// its INTEGER PRIMARY KEY nullable, and a rendered key column says NOT NULL),
// a serial key (default nextval('..._seq'::regclass)) as an identity key.
void make_comparable(schema::Schema& schema);

// Remarks on some of the operations, by their index: what a reviewer of the
// revision should know (a column dropped next to one added, with no rename
// hint, loses its data). ops_yaml writes them as comments above the step.
using Notes = std::map<std::size_t, std::string>;

// `renames`: the declared schema's hints, keyed by the names in `to`
// (schema_renames.hpp); the renames come first. `notes`, when given,
// receives the remarks.
std::vector<ops::Operation> diff_operations(const schema::Schema& from, const schema::Schema& to,
                                            const CatalogOps& catalog,
                                            const RenameHints& renames = {},
                                            Notes* notes = nullptr);

} // namespace fleet::engine::autogen
