#pragma once

#include "orchestrator/alembic_import/imported_revision.hpp"

#include <string>

// One imported revision as the text of a fleet revision file. The steps go
// through engine/script's own YAML reader (so every step is checked as a
// hand-written one would be, names given by the same convention) and out
// through the writer autogenerate uses (engine/autogen/ops_yaml.hpp); the
// file is engine/script's revision writer's. What is written loads back.
namespace fleet::orchestrator::alembic_import {

struct RenderedRevision {
    std::string file_name; // "<the module's name>.yaml" or ".sql"
    std::string text;
};

// Throws InputError naming the Alembic module when a step is not one fleet
// reads (a helper mistake, not the user's: it says so).
RenderedRevision render_imported(const ImportedRevision& revision);

} // namespace fleet::orchestrator::alembic_import
