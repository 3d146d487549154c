#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet diff` beyond the global ones.
struct DiffCommandOptions {};

// Registers the command's own options on its CLI11 subcommand.
void add_diff_options(CLI::App& command, DiffCommandOptions& options);

// `fleet diff`. Returns the exit code; throws fleet::Error for bad usage,
// inventory or scripts.
int run_diff(const GlobalOptions& global, const DiffCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
