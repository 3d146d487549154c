#pragma once

#include "orchestrator/cli_options.hpp"

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace fleet::orchestrator {

// What the shell completion scripts (packaging/completion/) ask for.
struct CompleteOptions {
    std::string what;    // commands | options | names | environments
    std::string command; // for `options`: the command whose options to list
};

// Registers the hidden `complete` command on app (not in --help nor the man
// page): `fleet complete commands`, `fleet complete options [COMMAND]`,
// `fleet complete names`, `fleet complete environments`. Returns it.
CLI::App* add_complete_command(CLI::App& app, CompleteOptions& options);

// Prints, one per line, what options.what asks for, read from app itself and
// from the inventory global selects (-c, $FLEET_CONFIG, ./fleet.yaml):
//  - commands: the visible commands;
//  - options: the options of options.command (if any) and the global ones,
//    an option that takes a value followed by '=' (--config=);
//  - names: the environment names, the database names, and ENV/DATABASE, as
//    -n accepts them;
//  - environments: the environment names, as --env accepts them.
// It runs on every TAB, so it connects to nothing (a for_each query gives no
// names) and never fails: no inventory, or one it cannot read, prints nothing.
void run_complete(const CLI::App& app, const GlobalOptions& global, const CompleteOptions& options,
                  std::ostream& out);

} // namespace fleet::orchestrator
