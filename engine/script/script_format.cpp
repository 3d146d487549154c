#include "engine/script/script_format.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

namespace fleet::engine::script {

std::optional<ScriptFormat> format_of(const std::filesystem::path& file) {
    const std::string extension = file.extension().string();
    if (extension == ".sql") return ScriptFormat::sql;
    if (extension == ".yaml" || extension == ".yml") return ScriptFormat::yaml;
    return std::nullopt;
}

std::string_view format_name(ScriptFormat format) {
    return format == ScriptFormat::sql ? "sql" : "yaml";
}

std::string_view format_extension(ScriptFormat format) {
    return format == ScriptFormat::sql ? ".sql" : ".yaml";
}

ScriptFormat parse_format(std::string_view name) {
    if (name == "sql") return ScriptFormat::sql;
    if (name == "yaml") return ScriptFormat::yaml;
    throw UsageError(fmt::format("unknown script format '{}' (expected sql or yaml)", name));
}

} // namespace fleet::engine::script
