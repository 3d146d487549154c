#pragma once

namespace fleet::orchestrator {

// The whole `fleet` command line: parses argv, runs the command, prints
// errors, and returns the process exit code (INTERFACE.md "Exit codes").
// Never throws.
int run_cli(int argc, char** argv);

} // namespace fleet::orchestrator
