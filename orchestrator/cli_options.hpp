#pragma once

#include <initializer_list>
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

    // --only-failed REPORT.json: the targets the report shows failed (only_failed.hpp).
    std::string only_failed;
    // --metrics-file PATH: Prometheus' text format after the run (metrics/).
    std::string metrics_file;
};

// What a command prints: a table for people, JSON for scripts, JUnit XML for
// CI test reports, and lint's SARIF and GitHub annotations.
enum class OutputFormat { table, json, junit, sarif, github };

// "table", "json", "junit", "sarif", "github": as --format spells it. Never
// throws.
std::string_view to_string(OutputFormat format);

// The --format of `command`, one of `accepted` (each command says which it
// writes); the first of them when --format is not given. Throws UsageError
// naming the command and what it accepts ("--format for status is table or
// json, not 'x'") for anything else, before the command touches anything.
OutputFormat parse_output_format(const GlobalOptions& global, std::string_view command,
                                 std::initializer_list<OutputFormat> accepted = {
                                     OutputFormat::table, OutputFormat::json});

} // namespace fleet::orchestrator
