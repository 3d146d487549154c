#pragma once

// Internal to fleet_inventory: the YAML tree of fleet.yaml -> Inventory.

#include "engine/url/database_url.hpp"
#include "inventory/detail/yaml_reader.hpp"
#include "inventory/inventory.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::inventory::detail {

// Walks one parsed inventory, validating as it goes. yaml-cpp exceptions
// pass through to Inventory::load, the one place that translates them.
class InventoryReader {
  public:
    InventoryReader(std::string file, std::filesystem::path base_dir, const LoadOptions& options);

    // The inventory root holds. Throws fleet::InputError for anything wrong,
    // fleet::DatabaseError when a for_each query fails.
    Inventory read(const YAML::Node& root) const;

  private:
    Environment read_environment(const Entry& entry, const Settings& top) const;
    void read_database(const YAML::Node& node, std::size_t position, Environment& environment,
                       std::map<std::string, int>& names_seen) const;
    std::vector<ForEachKey> read_for_each(const Entry& for_each) const;
    // A key's values from its source, each checked with unsafe_value_reason:
    // an unsafe one fails at its line (the list item's, else the key's).
    std::vector<std::string> read_for_each_values(const Entry& key) const;
    std::vector<std::string> read_for_each_source(const Entry& key) const;
    void check_for_each_value(const std::string& key, const std::string& value, int line) const;
    // For a PostgreSQL target: the database, each search_path schema, the
    // version table and its schema are at most 63 bytes, else InputError at
    // the line of the key that set it (entries: the database's settings;
    // database_line for one inherited from above).
    void check_identifier_lengths(const engine::url::DatabaseUrl& url, const Settings& settings,
                                  int url_line, const std::vector<Entry>& entries,
                                  int database_line) const;
    // The URL text names, a relative SQLite path resolved against the
    // inventory's folder. Throws InputError at line when it is not a URL.
    engine::url::DatabaseUrl parse_url(const std::string& text, int line) const;

    YamlReader m_reader; // without placeholders: for_each values never hold any
    std::filesystem::path m_base_dir;
    const LoadOptions& m_options;
};

} // namespace fleet::inventory::detail
