#pragma once

#include "engine/script/revision_writer.hpp"

#include <filesystem>
#include <string>

namespace fleet::engine::script {

// What init_project() created, for `fleet init` to report.
struct InitResult {
    std::filesystem::path config_file;     // <directory>/fleet.yaml
    std::filesystem::path script_location; // <directory>/migrations
    std::filesystem::path first_revision;  // migrations/versions/<id>_create_example_table.sql
};

// Creates a new fleet project in `directory` (made if missing): fleet.yaml,
// a commented inventory with script_location: migrations and one environment
// `dev` on a SQLite file; migrations/versions/; and a first SQL revision that
// creates and drops an example table, with id `revision_id`.
// Throws UsageError when `directory` exists and is not an empty folder (as
// Alembic's init refuses), InputError when something cannot be created.
InitResult init_project(const std::filesystem::path& directory,
                        const std::string& revision_id = new_revision_id(),
                        const std::string& create_date = utc_create_date());

} // namespace fleet::engine::script
