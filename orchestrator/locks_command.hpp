#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet locks` beyond the global ones (none yet: it takes the
// selectors and --format of every command).
struct LocksCommandOptions {};

// Registers the command's own options on its CLI11 subcommand.
void add_locks_options(CLI::App& command, LocksCommandOptions& options);

// `fleet locks`: for every selected target (read-only: the whole inventory by
// default), who holds its migration lock, and since when; takes and creates
// nothing. Rendered as --format table (default) or json. Returns 1 when a
// target could not be asked (unreachable), else 0: a held lock is not an
// error. Throws fleet::UsageError / fleet::InputError (exit 2) for bad usage
// or inventory.
int run_locks(const GlobalOptions& global, const LocksCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
