#pragma once

#include "engine/url/database_url.hpp"
#include "inventory/env_expand.hpp"
#include "inventory/environment.hpp"
#include "inventory/for_each.hpp"
#include "inventory/settings.hpp"
#include "inventory/target_spec.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::inventory {

// What Inventory::load needs from outside the file.
struct LoadOptions {
    EnvLookup env = process_environment();
    // Empty: an inventory with a `for_each: {k: {query: ...}}` is an error.
    QueryRunner run_query;
    // Called for every URL the inventory names, once parsed; throws
    // fleet::UsageError for one fleet cannot use (the drivers' registry knows
    // which databases there are, and the inventory links no driver). Its
    // message becomes an input error at the URL's file and line, so an unknown
    // database stops the command before any target is touched. Empty: any
    // well-formed URL passes.
    std::function<void(const engine::url::DatabaseUrl&)> check_url;
};

// The fleet as fleet.yaml describes it: environments of targets in inventory
// order, for_each expanded, every setting resolved. Immutable once built.
class Inventory {
  public:
    // Reads and validates the inventory at path. Throws fleet::InputError
    // "FILE:LINE: problem" for an unreadable file, bad YAML, an unknown key, a
    // value of the wrong type or out of range, a missing `environments`, a
    // database without name or url, a duplicate name within an environment,
    // an unset ${VAR}, a bad URL; fleet::DatabaseError when a for_each query
    // fails (its message names file and line).
    static Inventory load(const std::filesystem::path& path, const LoadOptions& options = {});

    // load() for text already read: file names it in errors, base_dir is the
    // folder relative paths and globs resolve against. Throws as load() does
    // (but for the unreadable file).
    static Inventory parse(std::string_view text, const std::string& file,
                           const std::filesystem::path& base_dir, const LoadOptions& options = {});

    // The fleet of one database when no inventory exists (INTERFACE.md
    // "Choosing the databases" 2): the target default/default with default
    // settings, url_text and script_location as given, both relative to the
    // current directory (an empty script_location means ./migrations).
    // Throws fleet::UsageError for a bad URL.
    static Inventory from_url(std::string url_text, std::filesystem::path script_location);

    // Builds an inventory from parts already validated (the loader does).
    Inventory(std::string file, std::filesystem::path base_dir, Settings settings,
              std::vector<Environment> environments);

    // The file as given to load(); empty for from_url().
    const std::string& file() const { return m_file; }
    // The inventory's folder (absolute); empty for from_url().
    const std::filesystem::path& base_dir() const { return m_base_dir; }
    // The top-level settings, resolved over the defaults.
    const Settings& settings() const { return m_settings; }
    const std::vector<Environment>& environments() const { return m_environments; }

    // The environment names in inventory order.
    std::vector<std::string> environment_names() const;
    // Every target of every environment, in inventory order.
    std::vector<TargetSpec> targets() const;

  private:
    std::string m_file;
    std::filesystem::path m_base_dir;
    Settings m_settings;
    std::vector<Environment> m_environments;
};

} // namespace fleet::inventory
