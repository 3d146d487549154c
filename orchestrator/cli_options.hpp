#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::orchestrator {

// The options that choose databases and output. INTERFACE.md lets them stand
// before or after the command, so they live on the top-level parser.
struct GlobalOptions {
    std::string config;             // -c/--config
    std::vector<std::string> names; // -n/--name, globs allowed
    std::vector<std::string> envs;  // --env
    std::string url;                // --url
    std::string script_location;    // --script-location
    std::string format;   // --format: table|json (parse_output_format), or sql|yaml for `revision`
    std::string shard;    // --shard K/N
    bool verbose = false; // -v/--verbose
    std::string log_format = "text"; // --log-format: text|json (orchestrator/logging)
};

// What a read-only command prints: a table for people or JSON for scripts.
enum class OutputFormat { table, json };

// The --format of `command` (status, locks, audit, diff, plan): table when
// --format is not given. Throws UsageError ("--format for status is table or
// json, not 'x'") for anything else.
OutputFormat parse_output_format(const GlobalOptions& global, std::string_view command);

} // namespace fleet::orchestrator
