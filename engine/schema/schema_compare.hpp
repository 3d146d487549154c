#pragma once

#include "engine/schema/schema.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// compare(): what differs between two schemas, as an ordered list of
// differences, each with a one-line description. Pure.
namespace fleet::engine::schema {

// What a difference is about.
enum class ObjectKind {
    table,
    column,
    primary_key,
    index,
    foreign_key,
    constraint,
    view,
    enum_type, // a PostgreSQL enum type whose labels differ (table: its name)
};

// Which side has it.
enum class Change {
    only_left,  // LEFT has it, RIGHT does not ("-")
    only_right, // RIGHT has it, LEFT does not ("+")
    changed,    // both have it, differently ("~")
};

struct Difference {
    ObjectKind kind = ObjectKind::table;
    Change change = Change::changed;
    std::string table; // the table it belongs to (the table or view itself for those)
    std::string name; // the column, index, key or constraint; empty for tables, views, primary keys
    // What each side has, one line each ("varchar(50) NOT NULL", "(id)");
    // nullopt on the side that lacks it.
    std::optional<std::string> left;
    std::optional<std::string> right;
    // One line naming the object and which side has what, with the sides
    // called by the labels compare() was given.
    std::string description;
};

// How the two sides are named in descriptions ("dev/app", "staging").
struct Sides {
    std::string left = "left";
    std::string right = "right";
};

// The differences from a to b, ordered by table name, then: the table
// itself (its comment), columns (in a's column order, then b's new ones),
// primary key, indexes, foreign keys, constraints; then enum types both
// use with other labels (one used on one side only is told by its
// columns); views last. Both schemas must be
// normalize()d. Empty when they are equal. Never throws but bad_alloc.
std::vector<Difference> compare(const Schema& a, const Schema& b, const Sides& sides = {});

// "+", "-" or "~".
std::string_view change_sign(Change change) noexcept;
// "only_left", "only_right", "changed": stable names for JSON.
std::string_view change_name(Change change) noexcept;
// "table", "column", "primary_key", "index", "foreign_key", "constraint", "view",
// "enum".
std::string_view kind_name(ObjectKind kind) noexcept;

} // namespace fleet::engine::schema
