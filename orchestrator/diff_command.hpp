#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet diff` beyond the global ones.
struct DiffCommandOptions {
    // Each side: an environment name, ENV/DATABASE, or a database name that
    // only one environment has.
    std::string left;
    std::string right;
};

// Registers the command's own options on its CLI11 subcommand.
void add_diff_options(CLI::App& command, DiffCommandOptions& options);

// `fleet diff LEFT RIGHT`: reads the schema of every target of each side
// (read-only: nothing is created, a missing SQLite file reads as empty) and
// renders plugins/reporters' diff report as --format table (default) or
// json on out. Returns 0 when nothing differs, 3 when the sides differ or an
// environment's targets drifted apart, 1 when a target could not be read.
// Throws fleet::UsageError (exit 2) for bad usage: a side naming nothing, a
// database name several environments share, --format other than
// table/json; fleet::InputError for a bad inventory.
int run_diff(const GlobalOptions& global, const DiffCommandOptions& options, std::ostream& out);

} // namespace fleet::orchestrator
