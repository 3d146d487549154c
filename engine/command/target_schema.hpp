#pragma once

#include "engine/command/command.hpp"
#include "engine/schema/schema.hpp"

#include <optional>
#include <string>
#include <vector>

// The schema of one target, read for `fleet diff` and `fleet audit`: what
// its migrations built, without fleet's own tables. Read-only: a SQLite file
// that is not there is not created (it reads as an empty schema).
namespace fleet::engine::command {

struct TargetSchema {
    std::string name;        // "ENV/DATABASE"
    std::string display_url; // masked
    bool database_exists = true;
    // nullopt when it could not be read; error then says why (masked).
    std::optional<schema::Schema> schema;
    std::string error;
};

// Tables fleet keeps in a target for itself, left out of its schema: the
// version table and fleet_history.
std::vector<std::string> fleet_tables(const Target& target);

// Reads target's schema with connection (already open). Throws what
// Connection::read_schema throws.
schema::Schema read_schema(runtime::Connection& connection, const Target& target);

// Opens target and reads its schema. Never throws but std::bad_alloc: a
// failure is the result's error.
TargetSchema read_target_schema(const Target& target);

} // namespace fleet::engine::command
