#include "inventory/detail/inventory_reader.hpp"

#include "engine/error.hpp"
#include "engine/url/database_url.hpp"
#include "inventory/detail/settings_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace fleet::inventory::detail {

namespace {

constexpr std::string_view k_top_level = "the top level";
// The most targets one database entry's for_each may expand to.
constexpr std::size_t k_max_for_each_targets = 100000;

std::vector<std::string_view> with_keys(std::vector<std::string_view> keys,
                                        std::initializer_list<std::string_view> more) {
    keys.insert(keys.end(), more);
    return keys;
}

bool is_word(std::string_view text) {
    if (text.empty() || (text.front() >= '0' && text.front() <= '9')) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// A value as an error message may show it: printable ASCII as is, anything
// else as \xNN, so a hostile value cannot garble the terminal.
std::string printable(const std::string& value) {
    std::string out;
    for (char c : value) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f)
            out += c;
        else
            out += fmt::format("\\x{:02x}", byte);
    }
    return out;
}

} // namespace

InventoryReader::InventoryReader(std::string file, std::filesystem::path base_dir,
                                 const LoadOptions& options)
    : m_reader(std::move(file), options.env), m_base_dir(std::move(base_dir)), m_options(options) {}

Inventory InventoryReader::read(const YAML::Node& root) const {
    if (root.IsNull())
        m_reader.fail(0, "the inventory is empty: it needs an 'environments' mapping");
    if (!root.IsMap())
        m_reader.fail(YamlReader::line(root),
                      fmt::format("the inventory must be a mapping with an 'environments' key, "
                                  "not {}",
                                  kind_name(root)));

    SettingsLayer layer;
    std::optional<Entry> environments;
    for (const Entry& entry : m_reader.entries(root, "the inventory")) {
        if (entry.key == "environments")
            environments = entry;
        else if (!read_setting(m_reader, entry, k_top_level, layer))
            m_reader.unknown_key(entry, k_top_level, with_keys(setting_keys(), {"environments"}));
    }
    if (!environments) m_reader.fail(0, "missing 'environments': the inventory names no databases");
    Settings top = merged(default_settings(m_base_dir), layer, m_base_dir);

    std::vector<Entry> entries =
        m_reader.entries(environments->value, "'environments'", environments->line);
    if (entries.empty())
        m_reader.fail(environments->line, "'environments' must name at least one environment");
    std::vector<Environment> result;
    for (const Entry& entry : entries)
        result.push_back(read_environment(entry, top));
    return Inventory(m_reader.file(), m_base_dir, std::move(top), std::move(result));
}

Environment InventoryReader::read_environment(const Entry& entry, const Settings& top) const {
    if (entry.key.empty() || entry.key.find('/') != std::string::npos)
        m_reader.fail(entry.line,
                      fmt::format("environment name '{}' must be non-empty and without '/' "
                                  "(a target's full name is ENV/NAME)",
                                  entry.key));
    std::string where = fmt::format("environment '{}'", entry.key);

    SettingsLayer layer;
    std::optional<Entry> databases;
    for (const Entry& item : m_reader.entries(entry.value, where, entry.line)) {
        if (item.key == "databases")
            databases = item;
        else if (!read_setting(m_reader, item, where, layer))
            m_reader.unknown_key(item, where, with_keys(setting_keys(), {"databases"}));
    }
    if (!databases) m_reader.fail(entry.line, fmt::format("{} has no 'databases'", where));

    Environment environment{entry.key, merged(top, layer, m_base_dir), {}, entry.line};
    std::map<std::string, int> names_seen;
    std::vector<YAML::Node> items =
        m_reader.items(databases->value, fmt::format("'databases' of {}", where), databases->line);
    for (std::size_t i = 0; i < items.size(); ++i)
        read_database(items[i], i + 1, environment, names_seen);
    return environment;
}

void InventoryReader::read_database(const YAML::Node& node, std::size_t position,
                                    Environment& environment,
                                    std::map<std::string, int>& names_seen) const {
    const int line = YamlReader::line(node);
    std::string where = fmt::format("database #{} of environment '{}'", position, environment.name);
    if (!node.IsMap())
        m_reader.fail(line, fmt::format("{} must be a mapping with 'name' and 'url', not {}", where,
                                        kind_name(node)));
    if (node["name"] && node["name"].IsScalar())
        where = fmt::format("database '{}' of environment '{}'", node["name"].Scalar(),
                            environment.name);

    // Keys are checked before anything runs, so a typo never costs a query.
    std::optional<Entry> name, url, for_each;
    std::vector<Entry> settings;
    const std::vector<std::string_view> known =
        with_keys(setting_keys(), {"name", "url", "for_each"});
    for (const Entry& entry : m_reader.entries(node, where)) {
        if (entry.key == "name")
            name = entry;
        else if (entry.key == "url")
            url = entry;
        else if (entry.key == "for_each")
            for_each = entry;
        else if (std::find(setting_keys().begin(), setting_keys().end(), entry.key) !=
                 setting_keys().end())
            settings.push_back(entry);
        else
            m_reader.unknown_key(entry, where, known);
    }
    if (!name) m_reader.fail(line, fmt::format("{} has no 'name'", where));
    if (!url) m_reader.fail(line, fmt::format("{} has no 'url'", where));

    const std::string name_template = m_reader.raw_scalar(name->value, "'name'", name->line);
    const std::vector<std::string> used = placeholder_names(name_template);
    std::vector<ForEachKey> keys;
    if (for_each) {
        keys = read_for_each(*for_each);
        for (const ForEachKey& key : keys)
            if (!contains(used, key.key))
                m_reader.fail(for_each->line,
                              fmt::format("for_each key '{}' does not appear in the name '{}': "
                                          "write {{{}}} in it so that each target has a name of "
                                          "its own",
                                          key.key, name_template, key.key));
        // A few short lists multiply into millions of targets (5 keys of 25
        // values: 9.8 million, from a 300-byte file, found by fuzz/), which
        // would take the memory of the machine before anything ran.
        std::size_t targets = 1;
        for (const ForEachKey& key : keys) {
            targets *= key.values.size();
            if (targets > k_max_for_each_targets)
                m_reader.fail(for_each->line,
                              fmt::format("for_each gives more than {} targets; split the "
                                          "database entry",
                                          k_max_for_each_targets));
        }
    } else if (!used.empty()) {
        m_reader.fail(name->line, fmt::format("the name '{}' has the placeholder {{{}}}, but the "
                                              "database has no for_each",
                                              name_template, used.front()));
    }

    for (Placeholders& combination : cartesian_product(keys)) {
        YamlReader reader = m_reader.with_placeholders(std::move(combination));
        TargetSpec target;
        target.environment = environment.name;
        target.name = reader.scalar(name->value, "'name'", name->line);
        if (target.name.empty() || target.name.find('/') != std::string::npos)
            reader.fail(name->line, fmt::format("database name '{}' must be non-empty and "
                                                "without '/' (a target's full name is ENV/NAME)",
                                                target.name));
        target.url_text = reader.scalar(url->value, "'url'", url->line);
        if (target.url_text.empty()) reader.fail(url->line, "'url' must not be empty");
        const auto database_url = parse_url(target.url_text, YamlReader::line(*url));

        SettingsLayer layer;
        for (const Entry& entry : settings)
            read_setting(reader, entry, where, layer);
        target.settings = merged(environment.settings, layer, m_base_dir);
        if (database_url.scheme == "postgresql")
            check_identifier_lengths(database_url, target.settings, YamlReader::line(*url),
                                     settings, line);
        target.base_dir = m_base_dir;
        target.file = reader.file();
        target.line = line;

        auto [previous, inserted] = names_seen.emplace(target.name, line);
        if (!inserted)
            reader.fail(line, fmt::format("duplicate database '{}' in environment '{}' (first on "
                                          "line {})",
                                          target.name, environment.name, previous->second));
        environment.databases.push_back(std::move(target));
    }
}

void InventoryReader::check_identifier_lengths(const engine::url::DatabaseUrl& url,
                                               const Settings& settings, int url_line,
                                               const std::vector<Entry>& entries,
                                               int database_line) const {
    // PostgreSQL cuts a longer identifier to 63 bytes with only a notice, so
    // two tenants whose names differ past that (t_{slug} with a long slug)
    // would share one schema or database.
    constexpr std::size_t k_max_identifier = 63;
    auto line_of = [&](std::string_view key) {
        for (const Entry& entry : entries)
            if (entry.key == key) return entry.line;
        return database_line; // inherited from the environment or the top
    };
    auto check = [&](std::string_view key, std::string_view name, int line) {
        if (name.size() <= k_max_identifier) return;
        m_reader.fail(line, fmt::format("'{}' names '{}', {} bytes long: PostgreSQL cuts names "
                                        "longer than {} bytes, and two targets could end up in "
                                        "one {}",
                                        key, printable(std::string(name)), name.size(),
                                        k_max_identifier, key == "url" ? "database" : "schema"));
    };
    check("url", url.database, url_line);
    if (settings.schema) {
        // search_path: several names, each its own identifier.
        std::string_view rest = *settings.schema;
        while (!rest.empty()) {
            auto comma = rest.find(',');
            std::string_view name = rest.substr(0, comma);
            while (!name.empty() && name.front() == ' ')
                name.remove_prefix(1);
            while (!name.empty() && name.back() == ' ')
                name.remove_suffix(1);
            check("schema", name, line_of("schema"));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }
    if (settings.version_table_schema)
        check("version_table_schema", *settings.version_table_schema,
              line_of("version_table_schema"));
    check("version_table", settings.version_table, line_of("version_table"));
}

std::vector<ForEachKey> InventoryReader::read_for_each(const Entry& for_each) const {
    std::vector<Entry> entries = m_reader.entries(for_each.value, "'for_each'", for_each.line);
    if (entries.empty()) m_reader.fail(for_each.line, "'for_each' must name at least one key");
    std::vector<ForEachKey> keys;
    for (const Entry& entry : entries) {
        if (!is_word(entry.key))
            m_reader.fail(entry.line,
                          fmt::format("for_each key '{}' must be a word of letters, digits and "
                                      "'_' (it is written {{{}}} in the name)",
                                      entry.key, entry.key));
        keys.push_back(ForEachKey{entry.key, read_for_each_values(entry)});
    }
    return keys;
}

void InventoryReader::check_for_each_value(const std::string& key, const std::string& value,
                                           int line) const {
    if (auto reason = unsafe_value_reason(value))
        m_reader.fail(line, fmt::format("for_each '{}' value '{}' is not safe to put into names, "
                                        "URLs and schemas: {} (use letters, digits, '_', '-' and "
                                        "'.')",
                                        key, printable(value), *reason));
}

std::vector<std::string> InventoryReader::read_for_each_values(const Entry& key) const {
    auto values = read_for_each_source(key);
    // Whatever the source, a value is checked before any target is built from it.
    if (!key.value.IsSequence()) {
        for (const auto& value : values)
            check_for_each_value(key.key, value, key.line);
    }
    return values;
}

std::vector<std::string> InventoryReader::read_for_each_source(const Entry& key) const {
    const std::string what = fmt::format("'for_each.{}'", key.key);
    const SourceLocation where{m_reader.file(), key.line};
    if (key.value.IsSequence()) {
        std::vector<std::string> values;
        for (const YAML::Node& item : m_reader.items(key.value, what)) {
            values.push_back(m_reader.scalar(item, what, key.line));
            check_for_each_value(key.key, values.back(), YamlReader::line(item));
        }
        return values;
    }
    if (!key.value.IsMap())
        m_reader.fail(key.line, fmt::format("{} must be a list of values, {{glob: PATTERN}} or "
                                            "{{query: SQL, url: URL}}, not {}",
                                            what, kind_name(key.value)));

    std::optional<std::string> glob, query, url;
    int url_line = key.line;
    for (const Entry& entry : m_reader.entries(key.value, what, key.line)) {
        if (entry.key == "glob") {
            glob = m_reader.scalar(entry.value, what + ".glob", entry.line);
        } else if (entry.key == "query") {
            query = m_reader.scalar(entry.value, what + ".query", entry.line);
        } else if (entry.key == "url") {
            url = m_reader.scalar(entry.value, what + ".url", entry.line);
            url_line = YamlReader::line(entry);
        } else {
            m_reader.unknown_key(entry, what, {"glob", "query", "url"});
        }
    }
    if (glob && (query || url))
        m_reader.fail(key.line, fmt::format("{} takes either 'glob' or 'query' and 'url', not "
                                            "both",
                                            what));
    if (glob) return glob_file_names(*glob, m_base_dir, where);
    if (!query || !url)
        m_reader.fail(key.line, fmt::format("{} needs 'glob', or 'query' with the 'url' of the "
                                            "database to ask",
                                            what));
    return query_rows(m_options.run_query, parse_url(*url, url_line).full(), *query, key.key,
                      where);
}

engine::url::DatabaseUrl InventoryReader::parse_url(const std::string& text, int line) const {
    try {
        auto url = engine::url::DatabaseUrl::parse(text, m_base_dir.string());
        if (m_options.check_url) m_options.check_url(url);
        return url;
    } catch (const UsageError& error) {
        // Same words, now with the inventory's file and line in front.
        m_reader.fail(line, error.what());
    }
}

} // namespace fleet::inventory::detail
