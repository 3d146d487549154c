#include "engine/revision/revision_arg.hpp"

namespace fleet::engine::revision {

std::vector<std::string> RevisionArg::to_tuple() const {
    if (is_none()) return {};
    if (is_string()) return {str()};
    return ids();
}

RevisionArg::operator bool() const {
    if (is_none()) return false;
    if (is_string()) return !str().empty();
    return !ids().empty();
}

std::string RevisionArg::repr() const {
    if (is_none()) return "None";
    if (is_string()) return str();
    std::string out = "(";
    const auto& t = ids();
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i > 0) out += ", ";
        out += "'" + t[i] + "'";
    }
    if (t.size() == 1) out += ",";
    return out + ")";
}

} // namespace fleet::engine::revision
