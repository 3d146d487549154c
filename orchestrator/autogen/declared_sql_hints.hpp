#pragma once

#include "engine/autogen/rename_hints.hpp"

#include <filesystem>
#include <string>
#include <vector>

// The rename hints of declared SQL files (engine/autogen/sql_rename_hints.hpp
// says where a hint goes), read from the same statements the scratch
// database runs.
namespace fleet::orchestrator::autogen {

// Every file's hints. `dialect` is the scratch database's ("postgresql",
// "sqlite"): the statements are cut by its rules. Throws InputError naming
// file and line for a misplaced or doubled hint.
engine::autogen::RenameHints
read_declared_sql_hints(const std::vector<std::filesystem::path>& files,
                        const std::string& dialect);

} // namespace fleet::orchestrator::autogen
