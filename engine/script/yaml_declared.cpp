#include "engine/script/yaml_declared.hpp"

#include "engine/error.hpp"
#include "engine/script/yaml_fields.hpp"
#include "engine/script/yaml_ops.hpp"
#include "engine/script/yaml_steps.hpp"
#include "engine/yaml/yaml_document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <utility>

namespace fleet::engine::script {

namespace {

// Where a table or index was declared, for "first at FILE:LINE".
struct Place {
    std::string file;
    int line = 0;
};

std::string at(const Place& place) { return fmt::format("{}:{}", place.file, place.line); }

// A key of a map's, with its value and the key's line.
struct Entry {
    YAML::Node value;
    int line = 0;
};

// The value of `key` in `map` (a map); nullopt when absent. Throws
// InputError when the key is there twice.
std::optional<Entry> find_key(const YAML::Node& map, std::string_view key, std::string_view what,
                              int line, const std::string& file) {
    std::optional<Entry> found;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar() || it->first.Scalar() != key) continue;
        const int key_line = line_of(it->first, line);
        if (found) {
            throw InputError(file, key_line,
                             fmt::format("key '{}' appears twice in {} (first on line {})", key,
                                         what, found->line));
        }
        found = Entry{it->second, key_line};
    }
    return found;
}

// As find_key, and the key is removed from `map`: what is read here never
// reaches the shared parser, which would call it unknown.
std::optional<Entry> take_key(YAML::Node map, std::string_view key, std::string_view what, int line,
                              const std::string& file) {
    auto found = find_key(map, key, what, line, file);
    if (found) map.remove(std::string(key));
    return found;
}

// The scalar of `key` in `map`, "" when it is absent or not a scalar (the
// parser reports that).
std::string scalar_of(const YAML::Node& map, std::string_view key) {
    for (auto it = map.begin(); it != map.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key && it->second.IsScalar())
            return it->second.Scalar();
    return {};
}

// A `renamed_from` value: the old name.
std::string old_name(const Entry& entry, std::string_view what, const std::string& file) {
    if (!entry.value.IsScalar() || entry.value.Scalar().empty()) {
        throw InputError(
            file, line_of(entry.value, entry.line),
            fmt::format("'renamed_from' in {} must be a name, not {}", what,
                        entry.value.IsScalar() ? "empty text" : described(entry.value)));
    }
    return entry.value.Scalar();
}

// The entries of a list, each with its line. Throws InputError: not a list.
std::vector<std::pair<YAML::Node, int>> list_of(const Entry& entry, std::string_view key,
                                                std::string_view what, std::string_view expected,
                                                const std::string& file) {
    const int line = line_of(entry.value, entry.line);
    if (!entry.value.IsSequence()) {
        throw InputError(file, line,
                         fmt::format("'{}' in {} must be {}, not {}", key, what, expected,
                                     entry.value.IsScalar() && entry.value.Scalar().empty()
                                         ? "empty text"
                                         : described(entry.value)));
    }
    std::vector<std::pair<YAML::Node, int>> items;
    for (const YAML::Node& item : entry.value)
        items.emplace_back(item, line_of(item, line));
    return items;
}

// The table an index in its `indexes` belongs to.
struct Owner {
    std::string schema;
    std::string name;
};

class DeclaredReader {
  public:
    DeclaredYaml read(const std::vector<DeclaredFile>& files) {
        for (const DeclaredFile& file : files) {
            // yaml-cpp's own exceptions (a document that cannot be read)
            // become fleet's here, naming the file and yaml-cpp's line.
            try {
                read_file(file);
            } catch (const YAML::Exception& error) {
                throw InputError(file.file, error.mark.is_null() ? 0 : error.mark.line + 1,
                                 error.msg);
            }
        }
        // Indexes after every table: a top-level one may be of a table a
        // later file declares.
        for (auto& [index, place] : m_indexes) {
            if (!m_tables.count({index.schema, index.table})) {
                throw InputError(place.file, place.line,
                                 fmt::format("index '{}' is of table '{}', which no file of the "
                                             "declared schema declares",
                                             index.name, index.table));
            }
            m_out.operations.push_back(std::move(index));
            m_out.sources.push_back(place.file);
        }
        return std::move(m_out);
    }

  private:
    void read_file(const DeclaredFile& file) {
        const StepSource source{file.file, file.text};
        const YAML::Node root =
            yaml::load_one_document(file.text, file.file, "a declared schema file");
        if (!root.IsMap()) {
            throw InputError(file.file, line_of(root, 1),
                             fmt::format("a declared schema file is a map with a 'tables' list "
                                         "(and 'indexes'), not {}",
                                         root.IsNull() ? "an empty document" : described(root)));
        }
        const std::string what = "a declared schema file";
        const YamlFields fields(root, 1, what, {"tables", "indexes"}, source);
        for (const auto& [node, line] : list_of({fields.need("tables"), fields.key_line("tables")},
                                                "tables", what, "a list of tables", file.file))
            read_table(node, line, source);
        if (const YAML::Node* indexes = fields.find("indexes")) {
            for (const auto& [node, line] :
                 list_of({*indexes, fields.key_line("indexes")}, "indexes", what,
                         "a list of indexes", file.file))
                read_index(node, line, source, nullptr);
        }
    }

    void read_table(YAML::Node node, int line, const StepSource& source) {
        const std::string& file = source.file;
        if (!node.IsMap()) {
            throw InputError(file, line,
                             fmt::format("a table of the declared schema is a map (a "
                                         "create_table body, indexes, renamed_from), not {}",
                                         described(node)));
        }
        const std::string name = scalar_of(node, "name");
        const std::string label = name.empty() ? "a table" : fmt::format("table '{}'", name);
        const auto renamed = take_key(node, "renamed_from", label, line, file);
        const auto indexes = take_key(node, "indexes", label, line, file);
        // (column, its old name) until the table is read.
        std::vector<std::pair<std::string, std::string>> column_hints;
        if (const auto columns = find_key(node, "columns", label, line, file);
            columns && columns->value.IsSequence()) {
            for (YAML::Node column : columns->value) {
                if (!column.IsMap()) continue; // the parser says what is wrong
                const std::string column_name = scalar_of(column, "name");
                const std::string column_label =
                    fmt::format("column '{}' of {}", column_name, label);
                if (const auto hint =
                        take_key(column, "renamed_from", column_label, line_of(column, line), file))
                    column_hints.emplace_back(column_name, old_name(*hint, column_label, file));
            }
        }

        std::vector<ops::Operation> out;
        parse_create_table(node, line, source, out);
        const auto& table = std::get<ops::CreateTable>(out.front());
        const Owner owner{table.schema, table.name};
        const auto [seen, added] =
            m_tables.emplace(std::pair(table.schema, table.name), Place{file, line});
        if (!added) {
            throw InputError(file, line,
                             fmt::format("table '{}' is declared twice (first at {})", table.name,
                                         at(seen->second)));
        }
        if (renamed) {
            const std::string old = old_name(*renamed, label, file);
            const auto [claimed, first] = m_renamed_from.emplace(old, table.name);
            if (!first) {
                throw InputError(file, renamed->line,
                                 fmt::format("tables '{}' and '{}' are both renamed from '{}'",
                                             claimed->second, table.name, old));
            }
            m_out.renames.tables[table.name] = old;
        }
        for (auto& [column, old] : column_hints)
            m_out.renames.columns[{table.name, column}] = std::move(old);
        m_out.operations.push_back(std::move(out.front()));
        m_out.sources.push_back(file);
        if (!indexes) return;
        for (const auto& [index, index_line] :
             list_of(*indexes, "indexes", label, "a list of indexes", file))
            read_index(index, index_line, source, &owner);
    }

    // An index in the `indexes` of `owner` (a create_index body without
    // `table`), or with owner null one of a file's top-level `indexes` (a
    // whole create_index body).
    void read_index(YAML::Node node, int line, const StepSource& source, const Owner* owner) {
        const std::string& file = source.file;
        if (!node.IsMap()) {
            throw InputError(file, line,
                             fmt::format("an index of the declared schema is a map (a "
                                         "create_index body), not {}",
                                         described(node)));
        }
        if (owner) {
            const std::string label = fmt::format("an index of table '{}'", owner->name);
            if (const auto own = find_key(node, "table", label, line, file)) {
                throw InputError(file, own->line,
                                 fmt::format("{} takes no 'table': it is that table's (an index "
                                             "of another table goes in the file's top-level "
                                             "'indexes' list)",
                                             label));
            }
            node["table"] = owner->name;
            if (!owner->schema.empty() && !find_key(node, "schema", label, line, file))
                node["schema"] = owner->schema;
        }
        std::vector<ops::Operation> out;
        parse_create_index(node, line, source, out);
        auto& index = std::get<ops::CreateIndex>(out.front());
        if (index.postgresql_concurrently) {
            throw InputError(file, line,
                             fmt::format("index '{}' has 'postgresql_concurrently': a declared "
                                         "schema is loaded into an empty database, never "
                                         "migrated (leave it out)",
                                         index.name));
        }
        const auto [seen, added] =
            m_index_places.emplace(std::pair(index.schema, index.name), Place{file, line});
        if (!added) {
            throw InputError(file, line,
                             fmt::format("index '{}' is declared twice (first at {})", index.name,
                                         at(seen->second)));
        }
        m_indexes.emplace_back(std::move(index), Place{file, line});
    }

    DeclaredYaml m_out;
    std::map<std::pair<std::string, std::string>, Place> m_tables;       // (schema, name)
    std::map<std::pair<std::string, std::string>, Place> m_index_places; // (schema, name)
    std::map<std::string, std::string> m_renamed_from;                   // old name -> table
    std::vector<std::pair<ops::CreateIndex, Place>> m_indexes;           // in the order read
};

} // namespace

DeclaredYaml parse_declared_yaml(const std::vector<DeclaredFile>& files) {
    return DeclaredReader().read(files);
}

} // namespace fleet::engine::script
