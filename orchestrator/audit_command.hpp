#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet audit` beyond the global ones.
struct AuditCommandOptions {};

// Registers the command's own options on its CLI11 subcommand.
void add_audit_options(CLI::App& command, AuditCommandOptions& options);

// `fleet audit`. Returns the exit code; throws fleet::Error for bad usage,
// inventory or scripts.
int run_audit(const GlobalOptions& global, const AuditCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
