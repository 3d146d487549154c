#include "engine/ops/column_type.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace fleet::engine::ops {

namespace {

using Kind = ColumnType::Kind;

// How many numbers a portable name takes in parentheses: none, a length
// (varchar, char: optional), or precision and optional scale (numeric).
enum class Arguments { none, length, precision_scale };

struct PortableName {
    std::string_view name;
    Kind kind;
    Arguments arguments;
};

constexpr std::array<PortableName, 17> k_portable_names{{
    {"smallint", Kind::smallint, Arguments::none},
    {"integer", Kind::integer, Arguments::none},
    {"bigint", Kind::bigint, Arguments::none},
    {"boolean", Kind::boolean, Arguments::none},
    {"text", Kind::text, Arguments::none},
    {"varchar", Kind::varchar, Arguments::length},
    {"char", Kind::fixed_char, Arguments::length},
    {"numeric", Kind::numeric, Arguments::precision_scale},
    {"real", Kind::real, Arguments::none},
    {"double", Kind::double_precision, Arguments::none},
    {"date", Kind::date, Arguments::none},
    {"time", Kind::time, Arguments::none},
    {"timestamp", Kind::timestamp, Arguments::none},
    {"timestamptz", Kind::timestamptz, Arguments::none},
    {"json", Kind::json, Arguments::none},
    {"uuid", Kind::uuid, Arguments::none},
    {"binary", Kind::binary, Arguments::none},
}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const PortableName* portable_named(std::string_view lower_name) {
    for (const PortableName& entry : k_portable_names)
        if (entry.name == lower_name) return &entry;
    return nullptr;
}

// "255" -> 255 (spaces around allowed); nullopt for anything else, zero and
// negative numbers included when `positive`.
std::optional<int> number(std::string_view text, bool positive) {
    text = trimmed(text);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    if (value < 0 || (positive && value == 0)) return std::nullopt;
    return value;
}

// Fills `type`'s numbers from the text between the parentheses; an error
// message when they do not fit the name.
std::string read_arguments(const PortableName& name, std::string_view inside, ColumnType& type) {
    if (name.arguments == Arguments::none) {
        return fmt::format("type '{}' takes no arguments (write {{postgresql: T, sqlite: T}} for "
                           "a database's own spelling)",
                           name.name);
    }
    if (name.arguments == Arguments::length) {
        type.length = number(inside, true);
        if (!type.length) {
            return fmt::format("type '{}' takes a length: {}(N) with N a positive whole number",
                               name.name, name.name);
        }
        return {};
    }
    const std::size_t comma = inside.find(',');
    type.precision = number(inside.substr(0, comma), true);
    if (comma != std::string_view::npos) type.scale = number(inside.substr(comma + 1), false);
    if (!type.precision || (comma != std::string_view::npos && !type.scale)) {
        return "type 'numeric' takes a precision and an optional scale: numeric(P) or "
               "numeric(P,S) with whole numbers, P positive";
    }
    if (type.scale && *type.scale > *type.precision) {
        return fmt::format("type 'numeric({},{})' has a scale larger than its precision",
                           *type.precision, *type.scale);
    }
    return {};
}

} // namespace

std::optional<ColumnType> parse_column_type(std::string_view text, std::string* error) {
    const std::string_view written = trimmed(text);
    if (written.empty()) {
        if (error) *error = "a type may not be empty";
        return std::nullopt;
    }
    const std::size_t open = written.find('(');
    const std::string head = lowered(trimmed(written.substr(0, open)));
    const PortableName* portable = portable_named(head);
    if (!portable) {
        ColumnType raw;
        raw.kind = Kind::raw;
        raw.raw = std::string(written);
        return raw;
    }
    ColumnType type;
    type.kind = portable->kind;
    if (open == std::string_view::npos) return type;
    std::string problem;
    if (written.back() != ')') {
        problem = fmt::format("type '{}' has text after its closing parenthesis or none", written);
    } else {
        problem =
            read_arguments(*portable, written.substr(open + 1, written.size() - open - 2), type);
    }
    if (!problem.empty()) {
        if (error) *error = std::move(problem);
        return std::nullopt;
    }
    return type;
}

std::string portable_name(const ColumnType& type) {
    for (const PortableName& entry : k_portable_names) {
        if (entry.kind != type.kind) continue;
        std::string name(entry.name);
        if (type.length) name += fmt::format("({})", *type.length);
        if (type.precision && type.scale) {
            name += fmt::format("({},{})", *type.precision, *type.scale);
        } else if (type.precision) {
            name += fmt::format("({})", *type.precision);
        }
        return name;
    }
    switch (type.kind) {
    case Kind::enumeration:
        return fmt::format("enum {} ({})", type.enum_name, fmt::join(type.enum_values, ", "));
    case Kind::per_dialect: {
        std::vector<std::string> entries;
        for (const auto& [dialect, spelling] : type.by_dialect)
            entries.push_back(fmt::format("{}: {}", dialect, spelling));
        return fmt::format("{{{}}}", fmt::join(entries, ", "));
    }
    default:
        return type.raw;
    }
}

bool is_integer(const ColumnType& type) {
    return type.kind == Kind::smallint || type.kind == Kind::integer || type.kind == Kind::bigint;
}

} // namespace fleet::engine::ops
