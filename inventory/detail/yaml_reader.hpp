#pragma once

// Internal to fleet_inventory (yaml-cpp is a private dependency): reading
// yaml-cpp nodes with the file and line every error message needs.

#include "inventory/env_expand.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::inventory::detail {

// One key: value pair of a mapping.
struct Entry {
    std::string key;
    int line = 0; // the key's line
    YAML::Node value;
};

// Reads scalars with ${VAR} (and, for a for_each combination, {key})
// expanded, and checks the shape of nodes. Every failure is a
// fleet::InputError naming the file and the node's line.
class YamlReader {
  public:
    YamlReader(std::string file, EnvLookup env, Placeholders placeholders = {});

    // The same reader expanding these for_each values too.
    YamlReader with_placeholders(Placeholders placeholders) const;

    const std::string& file() const { return m_file; }
    const Placeholders& placeholders() const { return m_placeholders; }

    // The node's 1-based line; 0 when yaml-cpp knows none.
    static int line(const YAML::Node& node);
    // The line of entry's value, or of its key when the value is empty.
    static int line(const Entry& entry);

    // The pairs of a mapping in file order. Throws unless node is a mapping
    // with scalar keys, each key once. what names the node ("'rollout'");
    // key_line as for scalar().
    std::vector<Entry> entries(const YAML::Node& node, std::string_view what,
                               int key_line = 0) const;
    // The items of a list. Throws unless node is a sequence.
    std::vector<YAML::Node> items(const YAML::Node& node, std::string_view what,
                                  int key_line = 0) const;

    // The expanded text of a scalar. Throws when node is a mapping, a list or
    // null (what "must not be empty"). key_line is the line errors about a
    // null value name: yaml-cpp places an empty value on the next token's line.
    std::string scalar(const YAML::Node& node, std::string_view what, int key_line = 0) const;
    // Like scalar(), but null (or text expanding to "") gives nullopt.
    std::optional<std::string> optional_scalar(const YAML::Node& node, std::string_view what,
                                               int key_line = 0) const;
    // The scalar as written, not expanded (a for_each template, for messages
    // and checks that must not read the environment).
    std::string raw_scalar(const YAML::Node& node, std::string_view what, int key_line = 0) const;

    // Throws InputError(file, line, problem).
    [[noreturn]] void fail(int line, const std::string& problem) const;
    // Throws "unknown key 'KEY' in WHERE", with a suggestion from known when
    // one is close.
    [[noreturn]] void unknown_key(const Entry& entry, std::string_view where,
                                  const std::vector<std::string_view>& known) const;

  private:
    std::string m_file;
    EnvLookup m_env;
    Placeholders m_placeholders;
};

// "a mapping", "a list", "a single value", "empty": how messages name a
// node's kind.
std::string kind_name(const YAML::Node& node);

} // namespace fleet::inventory::detail
