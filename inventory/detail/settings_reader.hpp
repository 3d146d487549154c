#pragma once

// Internal to fleet_inventory: the settings keys of one inventory level.

#include "inventory/detail/yaml_reader.hpp"
#include "inventory/settings.hpp"

#include <string_view>

namespace fleet::inventory::detail {

// Reads entry into layer when entry.key is one of setting_keys() and returns
// true; returns false for any other key (the caller's to judge). where names
// the level for unknown keys inside rollout/lock ("environment 'staging'").
// Throws fleet::InputError for a value of the wrong type or out of range.
bool read_setting(const YamlReader& reader, const Entry& entry, std::string_view where,
                  SettingsLayer& layer);

} // namespace fleet::inventory::detail
