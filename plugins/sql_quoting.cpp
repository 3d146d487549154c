#include "plugins/sql_quoting.hpp"

#include <algorithm>
#include <cctype>

namespace fleet::plugins {

bool requires_quotes(std::string_view name, const ReservedWords& reserved) {
    if (name.empty()) return true;
    if (std::isdigit(static_cast<unsigned char>(name.front())) != 0 || name.front() == '$') {
        return true;
    }
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        bool legal = std::isalnum(u) != 0 || c == '_' || c == '$';
        // Non-ASCII bytes are not legal characters (SQLAlchemy's [A-Z0-9_$] with re.I).
        if (!legal || u >= 0x80) return true;
        if (std::isupper(u) != 0) return true;
    }
    // Only lower-case names get here, so name is its own lower case.
    return reserved.contains(name);
}

std::string double_quoted(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

std::string quote_identifier(std::string_view name, const ReservedWords& reserved) {
    return requires_quotes(name, reserved) ? double_quoted(name) : std::string(name);
}

std::string single_quoted(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

} // namespace fleet::plugins
