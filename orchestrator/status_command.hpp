#pragma once

#include "engine/command/project.hpp"
#include "engine/command/target_status.hpp"
#include "orchestrator/cli_options.hpp"
#include "orchestrator/target_list.hpp"
#include "plugins/reporters/status_report.hpp"

#include <ostream>

namespace fleet::orchestrator {

struct StatusCommandOptions {
    bool all = false; // --all: every row, even in a large fleet
};

// The per-target half of `fleet status`, what a scheduler runs for each
// target (on any thread; project is shared read-only): one target in, one
// row out. Never throws but std::bad_alloc: trouble is the row's state.
plugins::reporters::StatusRow status_row(const ListedTarget& target,
                                         const engine::command::Project& project,
                                         const engine::command::StatusOptions& options = {});

// `fleet status`: every selected target (read-only commands default to the
// whole inventory), sequentially for now, rendered as --format table (default)
// or json on out. Loads every script directory first, so a bad script or
// inventory fails before any database is opened. Returns the report's exit
// code (plugins/reporters/README.md: 1 if a target could not be read, else 3
// if one is not up to date, else 0). Throws fleet::UsageError /
// fleet::InputError / fleet::RevisionError (exit 2) for bad usage, inventory or
// scripts.
ExitCode run_status(const GlobalOptions& global, const StatusCommandOptions& options,
                    std::ostream& out);

} // namespace fleet::orchestrator
