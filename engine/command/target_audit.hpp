#pragma once

#include "engine/command/command.hpp"
#include "engine/command/project.hpp"
#include "engine/command/script_checksums.hpp"
#include "engine/command/target_status.hpp"
#include "engine/schema/schema.hpp"

#include <optional>
#include <string>
#include <vector>

// The per-target half of `fleet audit`: the target's status (target_status),
// the scripts edited after they ran there, and its schema (which the
// orchestrator compares with its peers for drift). Read-only, like status.
namespace fleet::engine::command {

// What fleet_history said about edited scripts.
enum class HistoryState {
    not_read,   // the target could not be read
    no_history, // no fleet_history table: Alembic manages it, or fleet never ran there
    present,    // checked; edited lists what differs
};

// "not_read", "no_history", "present": stable names for JSON.
std::string_view history_state_name(HistoryState state) noexcept;

struct TargetAudit {
    TargetStatus status;
    HistoryState history = HistoryState::not_read;
    std::vector<EditedScript> edited;
    // nullopt when not read (then error says why, masked, unless the status
    // already does because the target is unreachable).
    std::optional<schema::Schema> schema;
    std::string error;
};

// Audits target against project (loaded once by the caller). Never throws
// but std::bad_alloc: trouble is the status's state or error.
TargetAudit audit_target(const Target& target, const Project& project);

} // namespace fleet::engine::command
