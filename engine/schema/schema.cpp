#include "engine/schema/schema.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

namespace fleet::engine::schema {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

// Walks text, calling emit for each character outside quotes with a flag
// saying whether blanks preceded it; quoted runs ('...' or "...") are kept as
// they are, since their case and spaces are data.
template <typename Emit> void scan(std::string_view text, Emit emit) {
    char quote = 0;
    bool blank = false;
    for (char c : text) {
        if (quote) {
            emit(c, false, true);
            if (c == quote) quote = 0;
            continue;
        }
        if (is_blank(c)) {
            blank = true;
            continue;
        }
        emit(c, blank, false);
        blank = false;
        if (c == '\'' || c == '"') quote = c;
    }
}

} // namespace

const Table* Schema::find_table(std::string_view name) const {
    for (const auto& table : tables)
        if (table.name == name) return &table;
    return nullptr;
}

std::string normalize_type(std::string_view type) {
    std::string out;
    scan(type, [&](char c, bool blank_before, bool quoted) {
        if (quoted) {
            out += c;
            return;
        }
        // A blank survives only between two words: never next to ( ) or ,
        bool keep = blank_before && !out.empty() && out.back() != '(' && out.back() != ' ' &&
                    c != '(' && c != ')' && c != ',';
        if (keep) out += ' ';
        out += lower(c);
        if (c == ',') out += ' ';
    });
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::string collapse_blanks(std::string_view text) {
    std::string out;
    scan(text, [&](char c, bool blank_before, bool) {
        if (blank_before && !out.empty()) out += ' ';
        out += c;
    });
    return out;
}

std::string column_list(const std::vector<std::string>& columns) {
    return fmt::format("({})", fmt::join(columns, ", "));
}

std::string quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

std::string quoted_list(const std::vector<std::string>& values) {
    std::vector<std::string> parts;
    for (const auto& value : values)
        parts.push_back(quoted(value));
    return fmt::format("({})", fmt::join(parts, ", "));
}

std::map<std::string, std::vector<std::string>> enum_types(const Schema& schema) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& table : schema.tables)
        for (const auto& column : table.columns)
            if (!column.enum_values.empty()) out.emplace(column.type, column.enum_values);
    return out;
}

std::string identity(const ForeignKey& key) {
    if (!key.name.empty()) return key.name;
    return fmt::format("{} -> {} {}", column_list(key.columns), key.referred_table,
                       column_list(key.referred_columns));
}

std::string identity(const Constraint& constraint) {
    if (!constraint.name.empty()) return constraint.name;
    return describe(constraint);
}

std::string describe(const Column& column) {
    std::string text = column.name + " " + column.type;
    if (!column.enum_values.empty()) text += " ENUM " + quoted_list(column.enum_values);
    if (!column.nullable) text += " NOT NULL";
    if (column.default_value) text += " DEFAULT " + *column.default_value;
    if (!column.comment.empty()) text += " COMMENT " + quoted(column.comment);
    return text;
}

std::string describe(const Index& index) {
    std::string text = fmt::format("{} on {}", index.name, column_list(index.columns));
    if (index.unique) text += " UNIQUE";
    if (!index.where.empty()) text += " WHERE " + index.where;
    return text;
}

std::string describe(const ForeignKey& key) {
    std::string text = fmt::format("{} -> {} {}", column_list(key.columns), key.referred_table,
                                   column_list(key.referred_columns));
    if (!key.on_update.empty() && key.on_update != "NO ACTION")
        text += " ON UPDATE " + key.on_update;
    if (!key.on_delete.empty() && key.on_delete != "NO ACTION")
        text += " ON DELETE " + key.on_delete;
    return text;
}

std::string describe(const Constraint& constraint) {
    if (constraint.kind == Constraint::Kind::unique)
        return "UNIQUE " + column_list(constraint.columns);
    return "CHECK " + constraint.definition;
}

bool operator==(const Column& a, const Column& b) {
    return a.name == b.name && a.type == b.type && a.nullable == b.nullable &&
           a.default_value == b.default_value && a.comment == b.comment &&
           a.enum_values == b.enum_values;
}

bool operator==(const Index& a, const Index& b) {
    return a.name == b.name && a.columns == b.columns && a.unique == b.unique && a.where == b.where;
}

bool operator==(const ForeignKey& a, const ForeignKey& b) {
    return a.name == b.name && a.columns == b.columns && a.referred_table == b.referred_table &&
           a.referred_columns == b.referred_columns && a.on_update == b.on_update &&
           a.on_delete == b.on_delete;
}

bool operator==(const Constraint& a, const Constraint& b) {
    return a.kind == b.kind && a.name == b.name && a.columns == b.columns &&
           a.definition == b.definition;
}

void normalize(Schema& schema) {
    auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
    std::sort(schema.tables.begin(), schema.tables.end(), by_name);
    std::sort(schema.views.begin(), schema.views.end(), by_name);
    for (auto& table : schema.tables) {
        std::sort(table.indexes.begin(), table.indexes.end(), by_name);
        std::sort(
            table.foreign_keys.begin(), table.foreign_keys.end(),
            [](const ForeignKey& a, const ForeignKey& b) { return identity(a) < identity(b); });
        std::sort(
            table.constraints.begin(), table.constraints.end(),
            [](const Constraint& a, const Constraint& b) { return identity(a) < identity(b); });
    }
}

void drop_tables(Schema& schema, const std::vector<std::string>& names) {
    std::erase_if(schema.tables, [&](const Table& table) {
        return std::any_of(names.begin(), names.end(),
                           [&](const std::string& name) { return same_name(name, table.name); });
    });
}

std::string canonical_text(const Schema& schema) {
    // One line per fact, each starting with what it belongs to; names are
    // written with their length so no name can fake a separator.
    auto name = [](const std::string& text) { return fmt::format("{}:{}", text.size(), text); };
    std::string out;
    for (const auto& table : schema.tables) {
        std::string t = name(table.name);
        out += "table " + t + " " + name(table.comment) + "\n";
        for (const auto& column : table.columns)
            out += fmt::format("  column {} {} {} {} {} {}\n", name(column.name), name(column.type),
                               column.nullable ? "null" : "notnull",
                               column.default_value ? name(*column.default_value) : "-",
                               name(column.comment), name(quoted_list(column.enum_values)));
        out += "  pk " + name(column_list(table.primary_key)) + "\n";
        for (const auto& index : table.indexes)
            out += fmt::format("  index {} {} {} {}\n", name(index.name),
                               name(column_list(index.columns)), index.unique, name(index.where));
        for (const auto& key : table.foreign_keys)
            out += fmt::format("  fk {} {}\n", name(key.name), name(describe(key)));
        for (const auto& constraint : table.constraints)
            out += fmt::format("  constraint {} {}\n", name(constraint.name),
                               name(describe(constraint)));
    }
    for (const auto& view : schema.views)
        out += fmt::format("view {} {}\n", name(view.name), name(view.definition));
    return out;
}

} // namespace fleet::engine::schema
