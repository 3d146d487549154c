#pragma once

#include "orchestrator/alembic_import/imported_revision.hpp"

#include <filesystem>
#include <string>
#include <vector>

// What `fleet import alembic` prints: one row per revision (how it came
// over, its new file, why it is not portable steps), a summary line, and
// the revisions to write by hand; or the same as one JSON document.
namespace fleet::orchestrator::alembic_import {

struct ImportOutcome {
    std::filesystem::path to;    // the fleet script folder written
    std::string script_location; // the Alembic script folder read
    std::vector<ImportedRevision> revisions;
    std::vector<std::filesystem::path> files; // revisions[i]'s new file
    int exit_code = 0;                        // 1 when some must be written by hand
};

// The table, the summary and the by-hand list. Never throws but std::bad_alloc.
std::string import_table(const ImportOutcome& outcome);

// {"version": 1, "exit_code", "from", "to", "summary": {"revisions", "yaml",
// "sql", "by_hand"}, "revisions": [{"revision", "as": "yaml"|"sql"|"by_hand",
// "file", "source", "reason"}]}, one line.
std::string import_json(const ImportOutcome& outcome);

} // namespace fleet::orchestrator::alembic_import
