#pragma once

// Internal to fleet_inventory: the `notify:` list of one inventory level.

#include "inventory/detail/yaml_reader.hpp"
#include "inventory/settings.hpp"

#include <string_view>
#include <vector>

namespace fleet::inventory::detail {

// The entries of a `notify:` key (INTERFACE.md, "Operations"), each checked:
// a mapping of notify_keys(), with exactly one of `webhook` (an http:// or
// https:// URL) and `command` (a non-empty list: the program and its
// arguments), a non-empty `secret` only beside a webhook, and `events` naming
// only notify_events() (all of them when left out). where names the level
// for unknown keys ("the top level"). Throws fleet::InputError at the line of
// the offending key or item; no message ever quotes a secret, and a URL only
// by its scheme.
std::vector<NotifyEntry> read_notify(const YamlReader& reader, const Entry& notify,
                                     std::string_view where);

} // namespace fleet::inventory::detail
