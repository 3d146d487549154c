// create_table, drop_table, rename_table.
#include "engine/ops/naming.hpp"
#include "engine/script/yaml_ops.hpp"
#include "engine/script/yaml_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace fleet::engine::script {

namespace {

// The entries of a list-valued key (unique, checks, foreign_keys), each with
// its line. Throws InputError: not a list.
std::vector<std::pair<YAML::Node, int>> entries_of(const YamlFields& fields, std::string_view key) {
    std::vector<std::pair<YAML::Node, int>> entries;
    const YAML::Node* node = fields.find(key);
    if (!node || node->IsNull()) return entries;
    const int line = fields.value_line(key);
    if (!node->IsSequence()) fields.wrong(key, *node, line, "a list");
    for (const YAML::Node& entry : *node)
        entries.emplace_back(entry, line_of(entry, line));
    return entries;
}

// Reads a create_table and checks that what its constraints name exists and
// that no two constraints share a name.
class CreateTableReader {
  public:
    CreateTableReader(const YAML::Node& value, int line, const StepSource& source)
        : m_fields(value, line, "'create_table'",
                   {"name", "schema", "columns", "primary_key", "unique", "checks", "foreign_keys",
                    "comment"},
                   source) {
        m_table.line = line;
    }

    ops::CreateTable read() {
        m_table.name = m_fields.name("name");
        m_table.schema = m_fields.optional_name("schema");
        m_table.comment = m_fields.text("comment");
        read_columns();
        read_primary_key();
        for (const auto& [node, line] : entries_of(m_fields, "unique"))
            read_unique(node, line);
        for (const auto& [node, line] : entries_of(m_fields, "checks"))
            read_check(node, line);
        for (const auto& [node, line] : entries_of(m_fields, "foreign_keys"))
            read_foreign_key(node, line);
        for (ops::Column& column : m_table.columns) {
            if (column.autoincrement && !in_primary_key(column.name)) {
                m_fields.fail(m_column_lines.at(column.name),
                              fmt::format("column '{}' of 'create_table' has 'autoincrement' but "
                                          "is not in the primary key",
                                          column.name));
            }
        }
        return std::move(m_table);
    }

  private:
    void read_columns() {
        const YAML::Node& list = m_fields.need("columns");
        const int list_line = m_fields.value_line("columns");
        if (!list.IsSequence()) m_fields.wrong("columns", list, list_line, "a list of columns");
        if (list.size() == 0) m_fields.fail(list_line, "'create_table' needs at least one column");
        std::vector<std::string> key_columns;
        for (const YAML::Node& node : list) {
            const int line = line_of(node, list_line);
            ops::Column column =
                read_column(node, line, m_table.name, "'create_table'", m_fields.source());
            if (const auto seen = m_column_lines.find(column.name); seen != m_column_lines.end()) {
                m_fields.fail(line, fmt::format("column '{}' appears twice in 'create_table' "
                                                "(first on line {})",
                                                column.name, seen->second));
            }
            m_column_lines.emplace(column.name, line);
            // What the column says of keys becomes the table's, named by the convention.
            if (column.primary_key) key_columns.push_back(column.name);
            if (column.unique) {
                add_name(ops::unique_name(m_table.name, column.name), line);
                m_table.unique.push_back(
                    {ops::unique_name(m_table.name, column.name), {column.name}});
            }
            if (column.references) {
                add_name(column.references->name, line);
                m_table.foreign_keys.push_back(std::move(*column.references));
            }
            column.primary_key = column.unique = false;
            column.references.reset();
            m_table.columns.push_back(std::move(column));
        }
        if (!key_columns.empty()) {
            m_table.primary_key = ops::PrimaryKey{ops::primary_key_name(m_table.name), key_columns};
            add_name(m_table.primary_key->name, m_column_lines.at(key_columns.front()));
        }
    }

    void read_primary_key() {
        if (!m_fields.has("primary_key")) return;
        const int line = m_fields.value_line("primary_key");
        if (m_table.primary_key) {
            m_fields.fail(m_fields.key_line("primary_key"),
                          "'create_table' gives its primary key twice: in 'primary_key' and as "
                          "a column's 'primary_key: true' (keep one)");
        }
        const YamlFields fields(m_fields.need("primary_key"), line,
                                "'primary_key' of 'create_table'", {"name", "columns"},
                                m_fields.source());
        ops::PrimaryKey key{fields.optional_name("name"), fields.names("columns")};
        if (key.name.empty()) key.name = ops::primary_key_name(m_table.name);
        check_columns(fields, key.columns);
        add_name(key.name, line);
        for (ops::Column& column : m_table.columns) {
            if (std::find(key.columns.begin(), key.columns.end(), column.name) != key.columns.end())
                column.nullable = false;
        }
        m_table.primary_key = std::move(key);
    }

    void read_unique(const YAML::Node& node, int line) {
        const YamlFields fields(node, line, "a 'unique' entry of 'create_table'",
                                {"name", "columns"}, m_fields.source());
        ops::UniqueConstraint unique{fields.optional_name("name"), fields.names("columns")};
        if (unique.name.empty()) unique.name = ops::unique_name(m_table.name, unique.columns[0]);
        check_columns(fields, unique.columns);
        add_name(unique.name, line);
        m_table.unique.push_back(std::move(unique));
    }

    void read_check(const YAML::Node& node, int line) {
        const YamlFields fields(node, line, "a 'checks' entry of 'create_table'",
                                {"name", "condition"}, m_fields.source());
        ops::CheckConstraint check{fields.optional_name("name"), fields.name("condition")};
        if (check.name.empty()) check.name = ops::check_name(m_table.name, check.condition);
        add_name(check.name, line);
        m_table.checks.push_back(std::move(check));
    }

    void read_foreign_key(const YAML::Node& node, int line) {
        const YamlFields fields(node, line, "a 'foreign_keys' entry of 'create_table'",
                                {"name", "columns", "references", "ondelete", "onupdate"},
                                m_fields.source());
        ops::ForeignKey key;
        key.columns = fields.names("columns");
        check_columns(fields, key.columns);
        read_references(fields, "references", key);
        key.ondelete = read_action(fields, "ondelete");
        key.onupdate = read_action(fields, "onupdate");
        key.name = fields.optional_name("name");
        if (key.name.empty()) {
            key.name = ops::foreign_key_name(m_table.name, key.columns[0], key.referred_table);
        }
        add_name(key.name, line);
        m_table.foreign_keys.push_back(std::move(key));
    }

    // Every name in `columns` is a column of the table.
    void check_columns(const YamlFields& fields, const std::vector<std::string>& columns) const {
        for (const std::string& column : columns) {
            if (!m_column_lines.count(column)) {
                fields.fail(fields.value_line("columns"),
                            fmt::format("'columns' of {} names '{}', which is not a column of "
                                        "'{}'",
                                        fields.what(), column, m_table.name));
            }
        }
    }

    // Two constraints of one table may not share a name (the second could
    // be neither created nor dropped by it).
    void add_name(const std::string& name, int line) {
        const auto [seen, added] = m_names.emplace(name, line);
        if (!added) {
            m_fields.fail(line, fmt::format("two constraints of 'create_table' are named '{}' "
                                            "(the first on line {}): name one of them",
                                            name, seen->second));
        }
    }

    bool in_primary_key(const std::string& column) const {
        return m_table.primary_key &&
               std::find(m_table.primary_key->columns.begin(), m_table.primary_key->columns.end(),
                         column) != m_table.primary_key->columns.end();
    }

    YamlFields m_fields;
    ops::CreateTable m_table;
    std::map<std::string, int> m_column_lines; // column -> its line
    std::map<std::string, int> m_names;        // constraint name -> its line
};

} // namespace

void parse_create_table(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out) {
    out.push_back(CreateTableReader(value, line, source).read());
}

void parse_drop_table(const YAML::Node& value, int line, const StepSource& source,
                      std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'drop_table'", {"name", "schema"}, source);
    out.push_back(ops::DropTable{fields.optional_name("schema"), fields.name("name"), line});
}

void parse_rename_table(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out) {
    const YamlFields fields(value, line, "'rename_table'", {"table", "new_name", "schema"}, source);
    out.push_back(ops::RenameTable{fields.optional_name("schema"), fields.name("table"),
                                   fields.name("new_name"), line});
}

} // namespace fleet::engine::script
