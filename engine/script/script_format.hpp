#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace fleet::engine::script {

// The two ways to write a revision file (INTERFACE.md "A SQL revision",
// "A YAML revision").
enum class ScriptFormat { sql, yaml };

// The format a file's extension names: .sql, or .yaml/.yml; nullopt for any
// other file (which the script directory ignores). Never throws.
std::optional<ScriptFormat> format_of(const std::filesystem::path& file);

// "sql" or "yaml": Script::format, and the value of --format.
std::string_view format_name(ScriptFormat format);

// The extension new files of `format` get: ".sql" or ".yaml".
std::string_view format_extension(ScriptFormat format);

// Reads a --format value. Throws UsageError unless it is "sql" or "yaml".
ScriptFormat parse_format(std::string_view name);

} // namespace fleet::engine::script
