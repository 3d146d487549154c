#include "engine/autogen/table_filter.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace fleet::engine::autogen {

namespace {

bool matches_any(const std::vector<std::string>& patterns, const std::string& name) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
        return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
    });
}

} // namespace

bool TableFilter::keeps(std::string_view name) const {
    const std::string text(name);
    if (!include.empty() && !matches_any(include, text)) return false;
    return !matches_any(exclude, text);
}

void TableFilter::apply(schema::Schema& schema) const {
    if (include.empty() && exclude.empty()) return;
    std::erase_if(schema.tables, [&](const schema::Table& table) { return !keeps(table.name); });
    std::erase_if(schema.views, [&](const schema::View& view) { return !keeps(view.name); });
}

} // namespace fleet::engine::autogen
