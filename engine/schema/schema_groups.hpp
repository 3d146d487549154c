#pragma once

#include "engine/schema/schema.hpp"

#include <cstddef>
#include <vector>

// Grouping equal schemas: how `fleet diff` finds an environment's distinct
// schemas and `fleet audit` the targets that drifted from their peers. Pure.
namespace fleet::engine::schema {

// Schemas that are equal (same canonical_text), by their positions in the
// list grouped.
struct SchemaGroup {
    std::vector<std::size_t> members; // positions, ascending; never empty
};

// The distinct schemas among schemas, most members first; among groups of
// the same size, the one whose first member comes first. So the first group
// is the most common schema, and a tie goes to the schema of the earlier
// target (inventory order, the canary side). Never throws but bad_alloc.
std::vector<SchemaGroup> group_schemas(const std::vector<const Schema*>& schemas);

} // namespace fleet::engine::schema
