#include "orchestrator/locks_command.hpp"

#include "engine/error.hpp"

#include <CLI/CLI.hpp>

namespace fleet::orchestrator {

void add_locks_options(CLI::App&, LocksCommandOptions&) {}

int run_locks(const GlobalOptions&, const LocksCommandOptions&, std::ostream&) {
    throw UsageError("`fleet locks` is not implemented yet");
}

} // namespace fleet::orchestrator
