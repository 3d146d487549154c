#pragma once

#include "engine/revision/revision.hpp"
#include "engine/script/script.hpp"

#include <string>

namespace fleet::engine::command {

// How a revision line is drawn; Alembic's cmd_format() arguments.
struct FormatOptions {
    bool verbose = false;          // the multi-line log entry instead of one line
    bool include_branches = false; // " (label)" after the id
    bool include_doc = false;      // ", message" at the end
    bool include_parents = false;  // "parent -> id"
    bool tree_indicators = true;   // " (branchpoint)", " (mergepoint)"
    bool current = false;          // " (current)": the id is in the database
};

// The text Alembic prints for one revision in `history`, `heads`,
// `current`, `branches` and `show`, character for character, so scripts that
// read Alembic's output read fleet's.
// rev is the node as the RevisionMap linked it (children, inherited labels);
// script is its file (path, date).
std::string format_revision(const revision::Revision& rev, const script::Script& script,
                            const FormatOptions& options);

// Alembic's log_entry: the block `show` and `--verbose` print.
std::string log_entry(const revision::Revision& rev, const script::Script& script, bool current);

// The first paragraph of the message (Alembic's Script.doc).
std::string doc_line(const script::Script& script);

} // namespace fleet::engine::command
