#include "orchestrator/diff_command.hpp"

#include "engine/error.hpp"

#include <CLI/CLI.hpp>

namespace fleet::orchestrator {

void add_diff_options(CLI::App&, DiffCommandOptions&) {}

int run_diff(const GlobalOptions&, const DiffCommandOptions&, std::ostream&) {
    throw UsageError("`fleet diff` is not implemented yet");
}

} // namespace fleet::orchestrator
