#pragma once

#include "engine/schema/schema.hpp"

#include <string>
#include <string_view>
#include <vector>

// Which tables autogenerate, check and audit's drift compare: the inventory's
// include/exclude patterns, as Alembic's include_name hook decides per name.
namespace fleet::engine::autogen {

struct TableFilter {
    std::vector<std::string> include; // fnmatch globs; empty: every table
    std::vector<std::string> exclude; // fnmatch globs

    // Whether a table (or view) of that name is compared: it matches an
    // include pattern, or none is given, and matches no exclude pattern.
    // Case-sensitive, as the catalogs spell names.
    bool keeps(std::string_view name) const;

    // Removes the tables and views `keeps` refuses from `schema`. A foreign
    // key of a kept table that refers to a removed one stays: both sides
    // hold it the same way, so it compares equal.
    void apply(schema::Schema& schema) const;
};

} // namespace fleet::engine::autogen
