#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet locks` beyond the global ones.
struct LocksCommandOptions {};

// Registers the command's own options on its CLI11 subcommand.
void add_locks_options(CLI::App& command, LocksCommandOptions& options);

// `fleet locks`. Returns the exit code; throws fleet::Error for bad usage,
// inventory or scripts.
int run_locks(const GlobalOptions& global, const LocksCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
