#pragma once

#include "engine/command/project.hpp"
#include "engine/runtime/connection.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

// Scripts edited after they ran: fleet_history keeps the SHA-256 of each
// script as it ran (the Script::checksum() the migration context records), so
// a file changed since no longer matches. Read-only.
namespace fleet::engine::command {

struct EditedScript {
    std::string revision;
    std::string file;          // the script's path as found in versions/
    std::string ran_at;        // started_at of the upgrade that ran it
    std::string ran_checksum;  // recorded then
    std::string file_checksum; // of the file now
};

// For each revision whose newest "done" upgrade row in history_schema's
// fleet_history has a checksum other than the script's now: that script.
// Only revisions in applied are checked when it is given (a revision
// downgraded since will run again, edit and all); revisions the script
// directory lacks and rows without a checksum are skipped. nullopt when the
// database has no fleet_history (Alembic manages it, or fleet never ran
// there). Ordered by the time each ran. Throws DatabaseError.
std::optional<std::vector<EditedScript>>
edited_scripts(runtime::Connection& connection, const Project& project,
               const std::string& history_schema,
               const std::optional<std::set<std::string>>& applied = std::nullopt);

} // namespace fleet::engine::command
