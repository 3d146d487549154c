#pragma once

#include "inventory/env_expand.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace fleet::inventory {

// Where the inventory came from (INTERFACE.md "Choosing the databases" 1).
enum class ConfigOrigin {
    option,               // -c FILE / --config FILE
    environment_variable, // $FLEET_CONFIG
    working_directory,    // ./fleet.yaml
    none,                 // no inventory: fall back to --url / $DATABASE_URL
};

// The inventory to load, or none.
struct ConfigSource {
    ConfigOrigin origin = ConfigOrigin::none;
    std::filesystem::path path; // empty when origin is none

    bool found() const { return origin != ConfigOrigin::none; }
};

// The file name looked for in the current directory.
inline constexpr std::string_view k_default_config_name = "fleet.yaml";

// -c FILE when given, else $FLEET_CONFIG when set and not empty, else
// ./fleet.yaml (in working_dir; empty means the current directory) when it
// exists, else ConfigOrigin::none. A file named by -c or $FLEET_CONFIG must
// exist: throws fleet::UsageError naming it and where the name came from
// rather than silently using another database.
ConfigSource discover_config(const std::optional<std::string>& option,
                             const EnvLookup& env = process_environment(),
                             const std::filesystem::path& working_dir = {});

// For the fallback: --url when given, else $DATABASE_URL when set and not
// empty, else nullopt. Never throws but std::bad_alloc.
std::optional<std::string> discover_url(const std::optional<std::string>& option,
                                        const EnvLookup& env = process_environment());

} // namespace fleet::inventory
