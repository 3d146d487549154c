#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fleet::orchestrator {

// The options that choose databases and output. INTERFACE.md lets them stand
// before or after the command, so they live on the top-level parser.
struct GlobalOptions {
    std::string config;                 // -c/--config
    std::vector<std::string> names;     // -n/--name, globs allowed
    std::vector<std::string> envs;      // --env
    std::string url;                    // --url
    std::string script_location;        // --script-location
    std::string format;                 // --format: table|json, or sql|yaml for `revision`
    std::string shard;                  // --shard K/N
    bool verbose = false;               // -v/--verbose
    std::string log_format = "text";    // --log-format: text|json (orchestrator/logging)
};

} // namespace fleet::orchestrator
