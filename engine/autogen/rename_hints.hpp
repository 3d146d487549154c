#pragma once

#include <map>
#include <string>
#include <utility>

// What the declared schema says was renamed (INTERFACE.md: `-- fleet:renamed_from
// OLD` after a table or column in SQL, `renamed_from: OLD` in YAML). A catalog
// cannot tell a rename from a drop and an add, so autogenerate writes one only
// where a hint names it; without one it drops and adds, and says so.
namespace fleet::engine::autogen {

struct RenameHints {
    // A table's declared name -> the name it had before.
    std::map<std::string, std::string> tables;
    // (a table's declared name, a column's declared name) -> the column's
    // name before.
    std::map<std::pair<std::string, std::string>, std::string> columns;

    bool empty() const { return tables.empty() && columns.empty(); }
};

} // namespace fleet::engine::autogen
