#include "orchestrator/cli_options.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

namespace fleet::orchestrator {

namespace {

// "a", "a or b", "a, b or c".
std::string spelled(std::initializer_list<OutputFormat> formats) {
    std::string text;
    std::size_t i = 0;
    for (auto format : formats) {
        if (i > 0) text += i + 1 == formats.size() ? " or " : ", ";
        text += to_string(format);
        ++i;
    }
    return text;
}

} // namespace

std::string_view to_string(OutputFormat format) {
    switch (format) {
    case OutputFormat::table:
        return "table";
    case OutputFormat::json:
        return "json";
    case OutputFormat::junit:
        return "junit";
    case OutputFormat::sarif:
        return "sarif";
    case OutputFormat::github:
        return "github";
    }
    return "table";
}

OutputFormat parse_output_format(const GlobalOptions& global, std::string_view command,
                                 std::initializer_list<OutputFormat> accepted) {
    if (global.format.empty()) return *accepted.begin();
    for (auto format : accepted)
        if (to_string(format) == global.format) return format;
    throw UsageError(
        fmt::format("--format for {} is {}, not '{}'", command, spelled(accepted), global.format));
}

} // namespace fleet::orchestrator
