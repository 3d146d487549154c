#include "engine/script/script.hpp"

#include "engine/script/script_source.hpp"

#include <algorithm>
#include <stdexcept>

namespace fleet::engine::script {

namespace {

const ScriptSource& source_of(const Script& script) {
    if (!script.source) throw std::logic_error("script " + script.path + " has no source");
    return *script.source;
}

} // namespace

bool is_dialect_name(std::string_view name) {
    return std::find(k_dialect_names.begin(), k_dialect_names.end(), name) != k_dialect_names.end();
}

const std::vector<ops::Operation>& Script::operations(Direction direction,
                                                      std::string_view dialect) const {
    static const std::vector<ops::Operation> k_none;
    const Body& parsed = body();
    const Sections& sections = direction == Direction::upgrade ? parsed.upgrade : parsed.downgrade;
    if (auto own = sections.find(std::string(dialect)); own != sections.end()) return own->second;
    if (auto plain = sections.find(""); plain != sections.end()) return plain->second;
    return k_none;
}

const Body& Script::body() const { return source_of(*this).body(); }

const std::string& Script::checksum() const { return source_of(*this).checksum(); }

} // namespace fleet::engine::script
