#include "plugins/sqlite/sqlite_default.hpp"

#include "plugins/sqlite/sqlite_expression.hpp"

#include <cctype>

namespace fleet::plugins::sqlite {

namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// SQLite's affinity rules, in their order: INT -> INTEGER; CHAR, CLOB, TEXT
// -> TEXT; BLOB or no type -> BLOB; REAL, FLOA, DOUB -> REAL; else NUMERIC.
bool numeric_affinity(std::string_view declared_type) {
    const auto type = upper(declared_type);
    const auto has = [&](std::string_view part) { return type.find(part) != std::string::npos; };
    if (has("INT")) return true;
    if (has("CHAR") || has("CLOB") || has("TEXT")) return false;
    if (has("BLOB") || type.find_first_not_of(" \t\r\n") == std::string::npos) return false;
    return true;
}

// A decimal number as SQLite would store it from text without changing it:
// an optional sign, digits, at most one point with digits after it. Not
// "1e3" or " 1" or "01", whose text and number differ.
bool plain_number(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return false;
    if (text.size() > 1 && text.front() == '0' && text[1] != '.') return false;
    bool point = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !point && i + 1 < text.size()) {
            point = true;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

} // namespace

std::string normalize_default(std::string_view dflt_value, std::string_view declared_type) {
    std::string text = normalize_expression(dflt_value);
    const auto word = upper(text);
    if (word == "TRUE") return "1";
    if (word == "FALSE") return "0";
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'' &&
        numeric_affinity(declared_type)) {
        const auto inside = std::string_view(text).substr(1, text.size() - 2);
        if (plain_number(inside) && inside.front() != '+') return std::string(inside);
    }
    return text;
}

} // namespace fleet::plugins::sqlite
