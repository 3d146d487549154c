#pragma once

#include "orchestrator/alembic_import/revision_render.hpp"

#include <filesystem>
#include <vector>

// The fleet script folder an import writes: DIR/versions/ and nothing else.
namespace fleet::orchestrator::alembic_import {

// Refuses (UsageError, exit 2) a `to` that exists and is not an empty
// folder, unless `force`: importing twice, or over someone's work, should
// be a decision. Checked before the Alembic project is read.
void check_destination(const std::filesystem::path& to, bool force);

// Writes every file into to/versions/ (made when missing) and returns their
// paths. Without `force` no file is overwritten; with it a file of the same
// name is replaced, and the same revision's file in the other format (a
// .sql where a .yaml is written, or the reverse) is removed, so importing
// again never leaves one revision in two files. Throws UsageError, InputError.
std::vector<std::filesystem::path> write_revisions(const std::filesystem::path& to,
                                                   const std::vector<RenderedRevision>& files,
                                                   bool force);

} // namespace fleet::orchestrator::alembic_import
