#include "engine/autogen/schema_renames.hpp"
#include "engine/util/text.hpp"

#include <algorithm>
#include <cctype>

namespace fleet::engine::autogen {

namespace {

using schema::Schema;
using schema::Table;

bool same_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The name as `names` spell it: the same, else the same without case (a
// hint read from unquoted SQL is folded to lower case; SQLite's catalog
// keeps the case it was written in). "" when none.
template <class Items, class NameOf>
std::string spelled(const Items& items, const std::string& name, NameOf name_of) {
    for (const auto& item : items)
        if (name_of(item) == name) return name;
    for (const auto& item : items)
        if (same_ignoring_case(name_of(item), name)) return name_of(item);
    return {};
}

std::string table_named(const Schema& schema, const std::string& name) {
    return spelled(schema.tables, name, [](const Table& t) { return t.name; });
}

std::string column_spelling(const Table& table, const std::string& name) {
    return spelled(table.columns, name, [](const schema::Column& c) { return c.name; });
}

Table* find_table(Schema& schema, const std::string& name) {
    for (auto& table : schema.tables)
        if (table.name == name) return &table;
    return nullptr;
}

// `text` (an expression as a catalog prints it) with every mention of the
// column `from` as `to`: bare words compared without case, "quoted" ones
// exactly; string literals are left alone. Only for predicting what the
// catalog will print after the rename: a wrong guess shows up when the
// revision is verified by replay.
std::string replace_identifier(const std::string& text, const std::string& from,
                               const std::string& to) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\'') {
            auto j = i + 1;
            while (j < text.size()) {
                if (text[j] != '\'') {
                    ++j;
                } else if (j + 1 < text.size() && text[j + 1] == '\'') {
                    j += 2; // a doubled quote inside
                } else {
                    break;
                }
            }
            const auto end = std::min(j + 1, text.size());
            out.append(text, i, end - i);
            i = end;
        } else if (c == '"') {
            const auto close = text.find('"', i + 1);
            const auto end = close == std::string::npos ? text.size() : close + 1;
            const auto quoted = text.substr(i, end - i);
            out += quoted == "\"" + from + "\"" ? "\"" + to + "\"" : quoted;
            i = end;
        } else if (util::is_identifier_char(c)) {
            auto j = i;
            while (j < text.size() && util::is_identifier_char(text[j]))
                ++j;
            const auto word = text.substr(i, j - i);
            out += same_ignoring_case(word, from) ? to : word;
            i = j;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
    for (auto& name : names)
        if (name == from) name = to;
}

void rename_table(Schema& schema, const std::string& from, const std::string& to) {
    for (auto& table : schema.tables) {
        if (table.name == from) table.name = to;
        for (auto& key : table.foreign_keys)
            if (key.referred_table == from) key.referred_table = to;
    }
}

void rename_column(Schema& schema, Table& table, const std::string& from, const std::string& to) {
    for (auto& column : table.columns)
        if (column.name == from) column.name = to;
    rename_in(table.primary_key, from, to);
    for (auto& index : table.indexes) {
        for (auto& part : index.columns)
            part = part == from ? to : replace_identifier(part, from, to);
        index.where = replace_identifier(index.where, from, to);
    }
    for (auto& key : table.foreign_keys)
        rename_in(key.columns, from, to);
    for (auto& constraint : table.constraints) {
        rename_in(constraint.columns, from, to);
        constraint.definition = replace_identifier(constraint.definition, from, to);
    }
    for (auto& other : schema.tables)
        for (auto& key : other.foreign_keys)
            if (key.referred_table == table.name) rename_in(key.referred_columns, from, to);
}

} // namespace

Renamed apply_renames(const Schema& from, const Schema& to, const RenameHints& hints,
                      const CatalogOps& catalog) {
    Renamed out{{}, from};
    Schema& now = out.schema;
    // The hint's new name as `to` spells it -> as `from` did.
    for (const auto& [new_hint, old_hint] : hints.tables) {
        const auto new_name = table_named(to, new_hint);
        const auto old_name = table_named(from, old_hint);
        if (new_name.empty() || old_name.empty() || !table_named(now, new_name).empty() ||
            !table_named(to, old_name).empty())
            continue;
        out.operations.push_back(ops::RenameTable{"", old_name, new_name, 0});
        rename_table(now, old_name, new_name);
    }
    for (const auto& [where, old_hint] : hints.columns) {
        const auto table_name = table_named(to, where.first);
        if (table_name.empty()) continue;
        const Table* wanted = to.find_table(table_name);
        Table* table = find_table(now, table_name);
        if (!table) continue;
        const auto new_name = column_spelling(*wanted, where.second);
        const auto old_name = column_spelling(*table, old_hint);
        if (new_name.empty() || old_name.empty() || !column_spelling(*table, new_name).empty() ||
            !column_spelling(*wanted, old_name).empty())
            continue;
        const auto column = std::find_if(table->columns.begin(), table->columns.end(),
                                         [&](const auto& c) { return c.name == old_name; });
        const auto before = catalog.column(*table, *column);
        ops::AlterColumn rename;
        rename.table = table_name;
        rename.column = old_name;
        rename.new_column_name = new_name;
        rename.existing_type = before.type;
        rename.existing_nullable = before.nullable;
        rename.existing_server_default = before.server_default;
        out.operations.push_back(std::move(rename));
        rename_column(now, *table, old_name, new_name);
    }
    schema::normalize(now);
    return out;
}

RenameHints reversed(const RenameHints& hints) {
    RenameHints out;
    for (const auto& [new_name, old_name] : hints.tables)
        out.tables[old_name] = new_name;
    for (const auto& [where, old_column] : hints.columns) {
        const auto table = hints.tables.find(where.first);
        const auto& old_table = table == hints.tables.end() ? where.first : table->second;
        out.columns[{old_table, old_column}] = where.second;
    }
    return out;
}

} // namespace fleet::engine::autogen
