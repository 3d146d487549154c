#include "engine/command/locked_target.hpp"

#include "engine/error.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/runtime/version_table.hpp"

#include <fmt/format.h>

namespace fleet::engine::command {

LockedTarget lock_target(const Target& target) {
    if (!target.connect) throw UsageError("no database URL for " + target.name);
    LockedTarget locked;
    locked.connection = target.connect();
    runtime::LockKey key{target.settings.version_table_schema, target.settings.version_table};
    locked.lock = locked.connection->acquire_migration_lock(key, target.settings.lock_timeout);
    runtime::VersionTable table(target.settings.version_table,
                                target.settings.version_table_schema);
    locked.heads = table.read_heads(*locked.connection);
    return locked;
}

void refuse_half_done(const Target& target, runtime::Connection& connection) {
    auto unfinished =
        runtime::HistoryTable(target.settings.version_table_schema).unfinished(connection);
    if (unfinished.empty()) return;
    const auto& step = unfinished.front();
    auto more = unfinished.size() > 1
                    ? fmt::format(" ({} more half-done step(s) after it)", unfinished.size() - 1)
                    : std::string();
    throw HalfDoneError(fmt::format(
        "{} {} was left half-done ({}, started {}){}: it runs outside a transaction, so some "
        "of its statements may have taken effect. Nothing was run. Check the database, then "
        "either `fleet retry {}` to run it again from its first statement, or `fleet mark-done "
        "{}` if it is complete",
        step.direction, step.revision, step.outcome == "running" ? "never finished" : "failed",
        step.started_at, more, step.revision, step.revision));
}

} // namespace fleet::engine::command
