#include "engine/script/script.hpp"

namespace fleet::engine::script {

const std::vector<ops::Operation>& Script::operations(Direction direction,
                                                      std::string_view dialect) const {
    static const std::vector<ops::Operation> k_none;
    const Sections& sections = direction == Direction::upgrade ? upgrade : downgrade;
    if (auto own = sections.find(std::string(dialect)); own != sections.end()) return own->second;
    if (auto plain = sections.find(""); plain != sections.end()) return plain->second;
    return k_none;
}

} // namespace fleet::engine::script
