#include "plugins/postgres/postgres_check_text.hpp"

#include <cctype>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace fleet::plugins::postgres {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

// The end of the '...' or "..." starting at `i` (past its closing quote);
// text.size() when it is not closed.
std::size_t quoted_end(std::string_view text, std::size_t i) {
    const char quote = text[i];
    for (++i; i < text.size(); ++i) {
        if (text[i] != quote) continue;
        if (i + 1 < text.size() && text[i + 1] == quote) {
            ++i;
            continue;
        }
        return i + 1;
    }
    return text.size();
}

// A type name from `i`: words and blanks ("character varying"), then
// "(10,2)" arguments if any. Moves `i` past it; nullopt when none is there.
std::optional<std::string_view> type_at(std::string_view text, std::size_t& i) {
    const std::size_t start = i;
    while (i < text.size() && (is_word_char(text[i]) || text[i] == ' '))
        ++i;
    if (i < text.size() && text[i] == '(') {
        while (i < text.size() && text[i] != ')') {
            if (!std::isdigit(static_cast<unsigned char>(text[i])) && text[i] != ',' &&
                text[i] != ' ' && text[i] != '(')
                return std::nullopt;
            ++i;
        }
        if (i == text.size()) return std::nullopt;
        ++i;
    }
    const auto type = trimmed(text.substr(start, i - start));
    if (type.empty() || !is_word_char(type.front())) return std::nullopt;
    return type;
}

// A literal, a number or a name, then any casts: 'x'::character varying.
bool is_plain(std::string_view element) {
    std::size_t i = 0;
    if (element.empty()) return false;
    if (element[0] == '\'') {
        i = quoted_end(element, 0);
    } else {
        if (element[0] == '-') ++i;
        const std::size_t start = i;
        while (i < element.size() && (is_word_char(element[i]) || element[i] == '.'))
            ++i;
        if (i == start) return false;
    }
    while (i < element.size()) {
        if (element.substr(i, 2) != "::") return false;
        i += 2;
        if (!type_at(element, i)) return false;
    }
    return true;
}

// The elements of an ARRAY[...] list, split at the commas outside quotes,
// parentheses and brackets.
std::vector<std::string_view> elements(std::string_view list) {
    std::vector<std::string_view> out;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < list.size();) {
        const char c = list[i];
        if (c == '\'' || c == '"') {
            i = quoted_end(list, i);
            continue;
        }
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (c == ',' && depth == 0) {
            out.push_back(trimmed(list.substr(start, i - start)));
            start = i + 1;
        }
        ++i;
    }
    out.push_back(trimmed(list.substr(start)));
    return out;
}

// The ']' closing the '[' before `i`; npos when none.
std::size_t closing_bracket(std::string_view text, std::size_t i) {
    int depth = 1;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            i = quoted_end(text, i);
            continue;
        }
        if (c == '[') ++depth;
        if (c == ']' && --depth == 0) return i;
        ++i;
    }
    return std::string_view::npos;
}

// The rewrite of the ARRAY[...]::T[] at `at`, and where it ends; nullopt
// when there is none to make.
std::optional<std::pair<std::string, std::size_t>> distributed(std::string_view text,
                                                               std::size_t at) {
    constexpr std::string_view k_array = "ARRAY[";
    const std::size_t open = at + k_array.size();
    const std::size_t close = closing_bracket(text, open);
    if (close == std::string_view::npos || text.substr(close + 1, 2) != "::") return std::nullopt;
    std::size_t end = close + 3;
    const auto type = type_at(text, end);
    if (!type || text.substr(end, 2) != "[]") return std::nullopt;
    const auto items = elements(text.substr(open, close - open));
    std::string out(k_array);
    const std::string cast = "::" + std::string(*type);
    for (std::size_t k = 0; k < items.size(); ++k) {
        if (!is_plain(items[k])) return std::nullopt;
        out += (k ? ", " : "") + std::string(items[k]);
        const bool cast_already = items[k].size() >= cast.size() &&
                                  items[k].substr(items[k].size() - cast.size()) == cast;
        if (!cast_already) out += cast;
    }
    return std::pair(out + "]", end + 2);
}

} // namespace

std::string normalize_check(std::string_view definition) {
    std::string out;
    for (std::size_t i = 0; i < definition.size();) {
        const char c = definition[i];
        if (c == '\'' || c == '"') {
            const std::size_t end = quoted_end(definition, i);
            out.append(definition.substr(i, end - i));
            i = end;
            continue;
        }
        if (definition.substr(i, 6) == "ARRAY[" && (i == 0 || !is_word_char(definition[i - 1]))) {
            if (const auto rewritten = distributed(definition, i)) {
                out += rewritten->first;
                i = rewritten->second;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

} // namespace fleet::plugins::postgres
