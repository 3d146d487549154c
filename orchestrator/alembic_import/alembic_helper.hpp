#pragma once

#include "orchestrator/alembic_import/imported_revision.hpp"

#include <filesystem>
#include <string>
#include <vector>

// Running the Python helper that reads an Alembic project
// (tools/alembic_import): Python 3 with Alembic is needed while importing,
// never afterwards, so fleet itself links no Python.
namespace fleet::orchestrator::alembic_import {

// The helper's main file. It is found from the binary's own path, as the
// PostgreSQL driver module is: beside the binary (the build tree:
// build/fleet and build/alembic_import/), then ../lib/fleet/alembic_import
// from it (`cmake --install`: bin/fleet and lib/fleet/alembic_import/).
// Throws Error (exit 1) naming where it looked when it is in neither.
std::filesystem::path helper_script();

// Runs the helper on `project` (an alembic.ini or a script folder) for
// `dialects` and returns what it found (parse_helper_output). The interpreter is
// $FLEET_PYTHON when set; else `python3` from PATH, and /usr/bin/python3
// (Debian's, where python3-alembic installs) when the first has no Alembic.
// The helper writes nothing: it runs with -B, so no __pycache__ either.
// Throws UsageError (exit 2) when no interpreter can be started, naming what
// to install; AlembicMissing when none has Alembic; Error (exit 1) when the
// helper fails (its traceback went to stderr); and what parse_helper_output
// throws for the project's own problems.
ImportedProject run_helper(const std::filesystem::path& project,
                           const std::vector<std::string>& dialects);

} // namespace fleet::orchestrator::alembic_import
