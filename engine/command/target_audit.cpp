#include "engine/command/target_audit.hpp"

#include "engine/command/target_schema.hpp"
#include "engine/url/redact.hpp"

#include <set>

namespace fleet::engine::command {

std::string_view history_state_name(HistoryState state) noexcept {
    switch (state) {
    case HistoryState::not_read:
        return "not_read";
    case HistoryState::no_history:
        return "no_history";
    case HistoryState::present:
        return "present";
    }
    return "not_read";
}

TargetAudit audit_target(const Target& target, const Project& project) {
    TargetAudit audit;
    audit.status = target_status(target, project);
    // Unreachable or unreadable: the status says why; checking further would
    // only repeat it.
    if (audit.status.state == StatusState::unreachable || audit.status.state == StatusState::error)
        return audit;
    if (!audit.status.database_exists) {
        audit.history = HistoryState::no_history;
        audit.schema.emplace();
        return audit;
    }
    try {
        auto connection = target.connect();
        std::optional<std::set<std::string>> applied;
        if (audit.status.applied_known)
            applied.emplace(audit.status.applied.begin(), audit.status.applied.end());
        auto edited =
            edited_scripts(*connection, project, target.settings.version_table_schema, applied);
        audit.history = edited ? HistoryState::present : HistoryState::no_history;
        if (edited) audit.edited = std::move(*edited);
        audit.schema = read_schema(*connection, target);
    } catch (const std::exception& error) {
        audit.schema.reset();
        audit.error = url::mask_passwords(error.what());
    }
    return audit;
}

} // namespace fleet::engine::command
