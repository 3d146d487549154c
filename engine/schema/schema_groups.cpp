#include "engine/schema/schema_groups.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace fleet::engine::schema {

std::vector<SchemaGroup> group_schemas(const std::vector<const Schema*>& schemas) {
    std::vector<SchemaGroup> groups;
    std::map<std::string, std::size_t> group_of_text;
    for (std::size_t i = 0; i < schemas.size(); ++i) {
        auto [it, added] = group_of_text.emplace(canonical_text(*schemas[i]), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].members.push_back(i);
    }
    // Stable: groups were made in order of their first member.
    std::stable_sort(groups.begin(), groups.end(), [](const SchemaGroup& a, const SchemaGroup& b) {
        return a.members.size() > b.members.size();
    });
    return groups;
}

} // namespace fleet::engine::schema
