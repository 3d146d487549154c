#include "engine/script/script.hpp"

#include <algorithm>

namespace fleet::engine::script {

bool is_dialect_name(std::string_view name) {
    return std::find(k_dialect_names.begin(), k_dialect_names.end(), name) != k_dialect_names.end();
}

const std::vector<ops::Operation>& Script::operations(Direction direction,
                                                      std::string_view dialect) const {
    static const std::vector<ops::Operation> k_none;
    const Sections& sections = direction == Direction::upgrade ? upgrade : downgrade;
    if (auto own = sections.find(std::string(dialect)); own != sections.end()) return own->second;
    if (auto plain = sections.find(""); plain != sections.end()) return plain->second;
    return k_none;
}

} // namespace fleet::engine::script
