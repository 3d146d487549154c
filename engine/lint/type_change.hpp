#pragma once

#include "engine/lint/statement_facts.hpp"
#include "engine/ops/column_type.hpp"

#include <optional>

// What changing a column from one type to another does to the rows already
// there, as PostgreSQL's ALTER COLUMN TYPE decides it: binary-coercible
// changes (varchar(n) to a larger n or to text, a raised numeric precision
// with the same scale, cidr to inet) only relabel the column; any other
// change rewrites the table and its indexes.
namespace fleet::engine::lint {

struct TypeChange {
    bool rewrites = true;
    // Values of the old type may not fit the new one (a shorter varchar, a
    // smaller integer, fewer digits): the change fails or cuts them.
    bool narrows = false;
};

// The change from `from` to `to`.
TypeChange type_change(const TypeFacts& from, const TypeFacts& to);

// A portable column type (a YAML revision's) as PostgreSQL's parser names
// the type it is rendered as; nullopt when it cannot tell (an enum type of
// the revision's own, a per-dialect type the parser refuses).
std::optional<TypeFacts> type_facts_of(const ops::ColumnType& type);

} // namespace fleet::engine::lint
