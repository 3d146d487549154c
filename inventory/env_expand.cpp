#include "inventory/env_expand.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace fleet::inventory {

namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_name(std::string_view text) {
    if (text.empty() || !is_name_start(text.front())) return false;
    for (char c : text)
        if (!is_name_char(c)) return false;
    return true;
}

// Length of "{name}" at text[pos] (pos at '{'), 0 when it is not one.
std::size_t placeholder_length(std::string_view text, std::size_t pos) {
    std::size_t end = pos + 1;
    while (end < text.size() && is_name_char(text[end]))
        ++end;
    if (end == pos + 1 || end >= text.size() || text[end] != '}') return 0;
    if (!is_name_start(text[pos + 1])) return 0;
    return end + 1 - pos;
}

// Index of the '}' closing the '{' at pos, counting nested braces so that a
// default may hold "{key}"; npos when unterminated.
std::size_t closing_brace(std::string_view text, std::size_t pos) {
    int depth = 0;
    for (std::size_t i = pos; i < text.size(); ++i) {
        if (text[i] == '{')
            ++depth;
        else if (text[i] == '}' && --depth == 0)
            return i;
    }
    return std::string_view::npos;
}

std::string key_list(const Placeholders& placeholders) {
    std::string out;
    for (const auto& [key, value] : placeholders) {
        if (!out.empty()) out += ", ";
        out += "{" + key + "}";
    }
    return out;
}

// Whether a "{name}" starts at text[pos]: not the brace of a "${".
bool is_placeholder_at(std::string_view text, std::size_t pos) {
    return text[pos] == '{' && (pos == 0 || text[pos - 1] != '$') &&
           placeholder_length(text, pos) > 0;
}

// Which "{name}" (1-based, counted from the left of the whole value, inside
// defaults too) starts at pos: how an error points at one without quoting it.
int placeholder_number(std::string_view text, std::size_t pos) {
    int number = 0;
    for (std::size_t i = 0; i <= pos; ++i)
        if (is_placeholder_at(text, i)) ++number;
    return number;
}

// Which "${" (1-based, "$${" escapes not counted) starts at pos.
int variable_number(std::string_view text, std::size_t pos) {
    int number = 0;
    for (std::size_t i = 0; i + 1 < text.size() && i <= pos; ++i) {
        if (text.substr(i).starts_with("$${"))
            i += 2;
        else if (text.substr(i).starts_with("${"))
            ++number;
    }
    return number;
}

// Replaces {key} in text[from, to); other braces stay. Errors count the
// placeholder in the whole text rather than quote it: the value may be a URL
// whose password holds "{word}".
std::string substitute(std::string_view text, std::size_t from, std::size_t to,
                       const Placeholders& placeholders, const SourceLocation& where) {
    std::string out;
    std::size_t i = from;
    while (i < to) {
        std::size_t length = text[i] == '{' ? placeholder_length(text.substr(0, to), i) : 0;
        if (length == 0 || placeholders.empty()) {
            out += text[i++];
            continue;
        }
        std::string key(text.substr(i + 1, length - 2));
        auto found = placeholders.find(key);
        if (found == placeholders.end())
            throw InputError(
                where.file, where.line,
                fmt::format("{{word}} number {} in this value is not a for_each key (for_each "
                            "defines {}); it is not shown, as it may be part of a password "
                            "(braces in a password can come from ${{VAR}})",
                            placeholder_number(text, i), key_list(placeholders)));
        out += found->second;
        i += length;
    }
    return out;
}

} // namespace

EnvLookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

std::string env_expand(std::string_view text, const EnvLookup& env, const SourceLocation& where,
                       const Placeholders& placeholders) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::string_view rest = text.substr(i);
        if (rest.starts_with("$${")) {
            out += "${";
            i += 3;
            continue;
        }
        if (rest.starts_with("${")) {
            std::size_t close = closing_brace(text, i + 1);
            if (close == std::string_view::npos)
                throw InputError(where.file, where.line, "'${' without its closing '}'");
            std::string_view inner = text.substr(i + 2, close - i - 2);
            std::size_t separator = inner.find(":-");
            std::string_view name = inner.substr(0, separator);
            if (!is_name(name)) {
                // Counted, not quoted: a "${" that starts no variable is more
                // likely part of a password than a reference.
                throw InputError(
                    where.file, where.line,
                    fmt::format("'${{' number {} in this value is not followed by a "
                                "variable name: write ${{NAME}} or ${{NAME:-default}}, or "
                                "$${{ for a literal '${{'",
                                variable_number(text, i)));
            }
            std::optional<std::string> value = env(std::string(name));
            if (separator == std::string_view::npos) {
                if (!value)
                    throw InputError(where.file, where.line,
                                     fmt::format("environment variable '{}' is not set", name));
                out += *value;
            } else if (value && !value->empty()) {
                out += *value;
            } else {
                out += substitute(text, i + 2 + separator + 2, close, placeholders, where);
            }
            i = close + 1;
            continue;
        }
        if (text[i] == '{' && !placeholders.empty()) {
            std::size_t length = placeholder_length(text, i);
            if (length > 0) {
                out += substitute(text, i, i + length, placeholders, where);
                i += length;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

std::vector<std::string> placeholder_names(std::string_view text) {
    std::vector<std::string> names;
    std::size_t i = 0;
    while (i < text.size()) {
        std::string_view rest = text.substr(i);
        if (rest.starts_with("$${")) {
            i += 3;
            continue;
        }
        if (rest.starts_with("${")) {
            std::size_t close = closing_brace(text, i + 1);
            if (close == std::string_view::npos) break;
            i = close + 1;
            continue;
        }
        std::size_t length = text[i] == '{' ? placeholder_length(text, i) : 0;
        if (length > 0) {
            names.emplace_back(text.substr(i + 1, length - 2));
            i += length;
        } else {
            ++i;
        }
    }
    return names;
}

} // namespace fleet::inventory
