#pragma once

#include "plugins/reporters/status_report.hpp"

#include <string>
#include <vector>

// Hand-made TargetStatus values for the reporter tests: a linear history
// a1 <- a2 <- a3 whose head is a3.
namespace fleet::test {

using fleet::engine::command::StatusState;
using fleet::plugins::reporters::StatusRow;

inline StatusRow status_row(const std::string& environment, const std::string& database,
                            StatusState state, int applied, const std::string& detail = {}) {
    const std::vector<std::string> all = {"a1", "a2", "a3"};
    StatusRow row;
    row.environment = environment;
    row.database = database;
    auto& s = row.status;
    s.name = environment + "/" + database;
    s.display_url = "sqlite:///" + database + ".db";
    s.state = state;
    s.heads = {"a3"};
    s.detail = detail;
    const bool unreadable = state == StatusState::unreachable || state == StatusState::error;
    s.current_known = !unreadable;
    s.applied_known = !unreadable && state != StatusState::ahead_or_unknown;
    if (state == StatusState::ahead_or_unknown) s.current = {"zz9"};
    if (s.applied_known) {
        s.applied.assign(all.begin(), all.begin() + applied);
        s.pending_revisions.assign(all.begin() + applied, all.end());
        s.pending = s.pending_revisions.size();
        if (applied > 0) s.current = {all[static_cast<std::size_t>(applied - 1)]};
    }
    return row;
}

} // namespace fleet::test
