#include "inventory/config_source.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

namespace fleet::inventory {

namespace {

void require_file(const std::filesystem::path& path, std::string_view given_by) {
    std::error_code error;
    if (path.empty()) throw UsageError(fmt::format("{} names no file", given_by));
    if (!std::filesystem::exists(path, error))
        throw UsageError(
            fmt::format("inventory '{}' (from {}) does not exist", path.string(), given_by));
    if (std::filesystem::is_directory(path, error))
        throw UsageError(fmt::format("inventory '{}' (from {}) is a folder, not a file",
                                     path.string(), given_by));
}

} // namespace

ConfigSource discover_config(const std::optional<std::string>& option, const EnvLookup& env,
                             const std::filesystem::path& working_dir) {
    if (option) {
        require_file(*option, "-c");
        return {ConfigOrigin::option, *option};
    }
    if (std::optional<std::string> variable = env("FLEET_CONFIG"); variable && !variable->empty()) {
        require_file(*variable, "$FLEET_CONFIG");
        return {ConfigOrigin::environment_variable, *variable};
    }
    std::filesystem::path local = working_dir / k_default_config_name;
    std::error_code error;
    if (std::filesystem::is_regular_file(local, error))
        return {ConfigOrigin::working_directory, local};
    return {};
}

std::optional<std::string> discover_url(const std::optional<std::string>& option,
                                        const EnvLookup& env) {
    if (option) return option;
    if (std::optional<std::string> variable = env("DATABASE_URL"); variable && !variable->empty())
        return variable;
    return std::nullopt;
}

} // namespace fleet::inventory
