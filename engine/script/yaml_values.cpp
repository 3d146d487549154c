#include "engine/script/yaml_values.hpp"

#include "engine/ops/naming.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace fleet::engine::script {

namespace {

constexpr std::array<std::string_view, 5> k_actions{"CASCADE", "SET NULL", "SET DEFAULT",
                                                    "RESTRICT", "NO ACTION"};

constexpr std::array<std::string_view, 3> k_expressions{"current_timestamp", "current_date",
                                                        "current_time"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// YAML 1.2's decimal numbers, which SQL reads the same way: [-+]?(D+(.D*)?|.D+)([eE][-+]?D+)?
// (hex, octal, .inf and .nan stay strings: SQL would not read them as numbers).
bool is_number(std::string_view text) {
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i]))
            ++i;
        return i - start;
    };
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    std::size_t mantissa = digits();
    if (i < text.size() && text[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
        if (digits() == 0) return false;
    }
    return i == text.size();
}

std::optional<bool> boolean_of(std::string_view text) {
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    return std::nullopt;
}

std::string lowered(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// {enum: NAME, values: [...]} or {postgresql: T, sqlite: T}.
ops::ColumnType type_of_map(const YAML::Node& node, int line, std::string_view key,
                            const YamlFields& owner) {
    const YamlFields fields(node, line, fmt::format("'{}' of {}", key, owner.what()),
                            {"enum", "values", "postgresql", "sqlite"}, owner.source());
    ops::ColumnType type;
    const bool is_enum = fields.has("enum") || fields.has("values");
    if (is_enum && (fields.has("postgresql") || fields.has("sqlite"))) {
        fields.fail(line, fmt::format("'{}' of {} is {{enum, values}} or {{postgresql, sqlite}}, "
                                      "not both",
                                      key, owner.what()));
    }
    if (is_enum) {
        type.kind = ops::ColumnType::Kind::enumeration;
        type.enum_name = fields.name("enum");
        type.enum_values = fields.names("values");
        return type;
    }
    type.kind = ops::ColumnType::Kind::per_dialect;
    for (std::string_view dialect : {"postgresql", "sqlite"}) {
        if (!fields.has(dialect)) continue;
        type.by_dialect.emplace(dialect, fields.name(dialect));
    }
    if (type.by_dialect.empty()) fields.fail(line, fmt::format("{} names no type", fields.what()));
    return type;
}

} // namespace

ops::ColumnType read_type(const YamlFields& fields, std::string_view key) {
    const YAML::Node& node = fields.need(key);
    const int line = fields.value_line(key);
    if (node.IsMap()) return type_of_map(node, line, key, fields);
    if (!node.IsScalar()) {
        fields.wrong(key, node, line,
                     "a type name, {enum: NAME, values: [...]} or {postgresql: T, sqlite: T}");
    }
    std::string problem;
    std::optional<ops::ColumnType> type = ops::parse_column_type(node.Scalar(), &problem);
    if (!type) fields.fail(line, fmt::format("'{}' in {}: {}", key, fields.what(), problem));
    return std::move(*type);
}

std::optional<ops::Literal> literal_of(const YAML::Node& node) {
    if (node.IsNull()) return ops::Literal{};
    if (!node.IsScalar()) return std::nullopt;
    const std::string& text = node.Scalar();
    const std::string& tag = node.Tag();
    ops::Literal literal{ops::Literal::Kind::string, text};
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return literal;
    if (const auto boolean = boolean_of(text)) {
        literal = {ops::Literal::Kind::boolean, *boolean ? "true" : "false"};
    } else if (is_number(text)) {
        literal.kind = ops::Literal::Kind::number;
    }
    return literal;
}

std::optional<ops::ServerDefault> read_server_default(const YamlFields& fields,
                                                      std::string_view key) {
    const YAML::Node& node = fields.need(key);
    const int line = fields.value_line(key);
    if (node.IsNull()) return std::nullopt;
    ops::ServerDefault value;
    if (node.IsScalar()) {
        value.value = *literal_of(node);
        return value;
    }
    if (!node.IsMap()) {
        fields.wrong(key, node, line,
                     "a value, {expr: current_timestamp} or {sql: ..., postgresql: ..., "
                     "sqlite: ...}");
    }
    const YamlFields map(node, line, fmt::format("'{}' of {}", key, fields.what()),
                         {"expr", "sql", "postgresql", "sqlite"}, fields.source());
    if (map.has("expr")) {
        if (map.has("sql") || map.has("postgresql") || map.has("sqlite")) {
            map.fail(line, fmt::format("{} is {{expr}} or {{sql, postgresql, sqlite}}, not both",
                                       map.what()));
        }
        value.kind = ops::ServerDefault::Kind::expression;
        value.expression = lowered(map.name("expr"));
        if (std::find(k_expressions.begin(), k_expressions.end(), value.expression) ==
            k_expressions.end()) {
            map.fail(map.value_line("expr"),
                     fmt::format("'expr' in {} must be one of {}, not '{}' (write {{sql: ...}} "
                                 "for other SQL)",
                                 map.what(), fmt::join(k_expressions, ", "), map.name("expr")));
        }
        return value;
    }
    value.kind = ops::ServerDefault::Kind::sql;
    value.sql = map.text("sql");
    for (std::string_view dialect : {"postgresql", "sqlite"}) {
        if (map.has(dialect)) value.by_dialect.emplace(dialect, map.text(dialect));
    }
    if (value.sql.empty() && value.by_dialect.empty()) {
        map.fail(line, fmt::format("{} needs 'expr', 'sql' or a dialect", map.what()));
    }
    return value;
}

std::string read_action(const YamlFields& fields, std::string_view key) {
    if (!fields.has(key)) return {};
    const YAML::Node& node = *fields.find(key);
    const std::string expected = fmt::format("one of {}", fmt::join(k_actions, ", "));
    if (!node.IsScalar()) fields.wrong(key, node, fields.value_line(key), expected);
    // Upper case, words one space apart: "set  null" is SET NULL.
    std::string action;
    for (char c : node.Scalar()) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!action.empty() && action.back() != ' ') action += ' ';
        } else {
            action += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    if (!action.empty() && action.back() == ' ') action.pop_back();
    if (std::find(k_actions.begin(), k_actions.end(), action) == k_actions.end()) {
        fields.wrong(key, node, fields.value_line(key), expected);
    }
    return action;
}

void read_references(const YamlFields& fields, std::string_view key_name, ops::ForeignKey& key) {
    const YAML::Node& node = fields.need(key_name);
    const int line = fields.value_line(key_name);
    const YamlFields map(node, line, fmt::format("'{}' of {}", key_name, fields.what()),
                         {"table", "columns", "schema"}, fields.source());
    key.referred_table = map.name("table");
    key.referred_schema = map.optional_name("schema");
    key.referred_columns = map.names("columns");
    if (key.referred_columns.size() != key.columns.size()) {
        map.fail(map.value_line("columns"),
                 fmt::format("{} names {} column(s) for the {} of 'columns'", map.what(),
                             key.referred_columns.size(), key.columns.size()));
    }
}

ops::Column read_column(const YAML::Node& node, int line, std::string_view table,
                        std::string_view where, const StepSource& source) {
    // Named in messages by its name when it has one: "column 'email' of 'create_table'".
    const YAML::Node name_node = node.IsMap() ? node["name"] : YAML::Node();
    const std::string what = name_node.IsScalar()
                                 ? fmt::format("column '{}' of {}", name_node.Scalar(), where)
                                 : fmt::format("a column of {}", where);
    const YamlFields fields(node, line, what,
                            {"name", "type", "nullable", "primary_key", "autoincrement", "unique",
                             "server_default", "references", "comment"},
                            source);
    ops::Column column;
    column.name = fields.name("name");
    column.type = read_type(fields, "type");
    column.primary_key = fields.flag("primary_key", false);
    column.nullable = fields.flag("nullable", !column.primary_key);
    if (column.primary_key && column.nullable) {
        fields.fail(fields.value_line("nullable"),
                    fmt::format("{} is a primary key, which cannot be nullable", what));
    }
    column.autoincrement = fields.flag("autoincrement", false);
    if (column.autoincrement && !ops::is_integer(column.type)) {
        fields.fail(fields.value_line("autoincrement"),
                    fmt::format("'autoincrement' in {} needs an integer type (smallint, integer "
                                "or bigint), not {}",
                                what, ops::portable_name(column.type)));
    }
    column.unique = fields.flag("unique", false);
    if (fields.has("server_default")) {
        column.server_default = read_server_default(fields, "server_default");
    }
    column.comment = fields.text("comment");
    if (fields.has("references")) {
        const int ref_line = fields.value_line("references");
        const YamlFields ref(fields.need("references"), ref_line,
                             fmt::format("'references' of {}", what),
                             {"table", "column", "schema", "ondelete", "onupdate", "name"}, source);
        ops::ForeignKey key;
        key.columns = {column.name};
        key.referred_table = ref.name("table");
        key.referred_schema = ref.optional_name("schema");
        key.referred_columns = {ref.name("column")};
        key.ondelete = read_action(ref, "ondelete");
        key.onupdate = read_action(ref, "onupdate");
        key.name = ref.optional_name("name");
        if (key.name.empty()) {
            key.name = ops::foreign_key_name(table, column.name, key.referred_table);
        }
        column.references = std::move(key);
    }
    return column;
}

} // namespace fleet::engine::script
