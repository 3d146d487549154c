#include "orchestrator/cli_options.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

namespace fleet::orchestrator {

OutputFormat parse_output_format(const GlobalOptions& global, std::string_view command) {
    if (global.format.empty() || global.format == "table") return OutputFormat::table;
    if (global.format == "json") return OutputFormat::json;
    throw UsageError(
        fmt::format("--format for {} is table or json, not '{}'", command, global.format));
}

} // namespace fleet::orchestrator
