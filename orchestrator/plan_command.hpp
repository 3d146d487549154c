#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet plan` beyond the global ones.
struct PlanCommandOptions {};

// Registers the command's own options on its CLI11 subcommand.
void add_plan_options(CLI::App& command, PlanCommandOptions& options);

// `fleet plan`. Returns the exit code; throws fleet::Error for bad usage,
// inventory or scripts.
int run_plan(const GlobalOptions& global, const PlanCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
