#pragma once

#include <filesystem>
#include <string>
#include <vector>

// The embedding API in one header: what an application calls at start-up, the
// way Alembic users call command.upgrade(cfg, "head"). Everything else of
// fleet stays behind it. Errors are fleet::Error subclasses (engine/error.hpp):
// catch fleet::Error and read what() and exit_code().
namespace fleet {

// Migrates the database at url (a SQLAlchemy-style URL, as INTERFACE.md
// spells them) to revision, with the revision files in script_location.
// Writes Alembic's version table and fleet_history, as `fleet upgrade` does.
void upgrade(const std::string& url, const std::filesystem::path& script_location,
             const std::string& revision = "head");

// The revisions the database at url is at (its version table rows); empty for
// a database never migrated. Reads only.
std::vector<std::string> current(const std::string& url);

} // namespace fleet
