#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>
#include <string>
#include <vector>

// `fleet import alembic [PATH]` (INTERFACE.md, "Importing an Alembic
// project"): an Alembic project becomes a fleet script folder, with no
// database touched. Every revision keeps its id, down revisions, labels,
// depends_on, message and date; its body becomes portable YAML steps, or
// SQL from Alembic's offline mode, or (when it reads the database) a
// revision to write by hand.
namespace fleet::orchestrator::alembic_import {

struct ImportOptions {
    std::string source = "alembic";    // what to import: only Alembic so far
    std::string path;                  // an alembic.ini or a script folder; default ./alembic.ini
    std::string to;                    // default: the inventory's script_location, or ./migrations
    std::vector<std::string> dialects; // default postgresql and sqlite
    bool force = false;                // write into a folder that is not empty
};

// Imports and prints the report (--format table|json) to `out`. Returns the
// exit code: 0, or 1 when some revision must be written by hand. Throws
// UsageError (a bad option, a destination that is not empty, no Python),
// InputError (no alembic.ini, a module that does not import, two revisions
// with one id), AlembicMissing; writes nothing when it throws.
int run_import(const GlobalOptions& global, const ImportOptions& options, std::ostream& out);

} // namespace fleet::orchestrator::alembic_import
