#include "engine/command/target_status.hpp"

#include "engine/error.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "engine/runtime/version_table.hpp"
#include "engine/url/redact.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>
#include <tuple>

namespace fleet::engine::command {

namespace {

using Unfinished = runtime::UnfinishedStep;

std::string describe(const std::vector<Unfinished>& steps) {
    const auto& first = steps.front();
    auto text =
        fmt::format("{} {} {} (started {})", first.direction, first.revision,
                    first.outcome == "running" ? "never finished" : "failed", first.started_at);
    if (steps.size() > 1) text += fmt::format(", and {} more", steps.size() - 1);
    return text;
}

std::vector<std::string> ids_of(const std::vector<runtime::MigrationStep>& steps) {
    std::vector<std::string> ids;
    for (const auto& step : steps) {
        if (step.revision()) ids.push_back(step.revision()->id);
    }
    return ids;
}

// Sets state, pending and applied from the version rows alone.
void classify(TargetStatus& status, const revision::RevisionMap& map) {
    std::vector<std::string> unknown;
    for (const auto& id : status.current) {
        if (!map.find(id)) unknown.push_back(id);
    }
    if (!unknown.empty()) {
        status.state = StatusState::ahead_or_unknown;
        status.detail =
            fmt::format("{} {} not in the script directory (a newer release ran?)",
                        unknown.size() == 1 ? "version" : "versions", fmt::join(unknown, ", "));
        return;
    }
    status.pending_revisions = ids_of(runtime::plan_upgrade(map, "heads", status.current));
    status.pending = status.pending_revisions.size();
    // What is applied is everything an upgrade from base would run, less what
    // is still pending.
    std::set<std::string> pending(status.pending_revisions.begin(), status.pending_revisions.end());
    for (auto& id : ids_of(runtime::plan_upgrade(map, "heads", {}))) {
        if (!pending.count(id)) status.applied.push_back(std::move(id));
    }
    status.applied_known = true;
    if (status.pending == 0) {
        status.state = StatusState::up_to_date;
    } else if (status.current.size() > status.heads.size()) {
        status.state = StatusState::several_heads;
        status.detail = fmt::format("{} heads in the database, {} in the scripts: {} to run",
                                    status.current.size(), status.heads.size(), status.pending);
    } else {
        status.state = StatusState::behind;
        if (!status.database_exists) status.detail = "database not created yet";
    }
}

// The version and history reads as one read transaction where the dialect
// says grouped reads are cheaper (SQLite, where each statement outside one
// takes and drops the file lock and re-checks the file): the shared lock is
// taken once, at the first read, and the four reads see one state of the
// file. A plain deferred BEGIN, not Connection::begin(), which on a writable
// SQLite connection takes the write lock a reader must not wait for. A server
// would pay two round trips for BEGIN and COMMIT and gain nothing.
class ReadTransaction {
  public:
    explicit ReadTransaction(runtime::Connection& connection)
        : m_connection(connection), m_open(connection.dialect().capabilities().grouped_reads &&
                                           !connection.in_transaction()) {
        if (m_open) m_connection.execute("BEGIN");
    }
    ~ReadTransaction() {
        if (!m_open) return;
        try {
            m_connection.rollback();
        } catch (...) {
            // Nothing was written; closing the connection ends it too.
        }
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

    // Ends the transaction once every read is done.
    void end() {
        if (!m_open) return;
        m_open = false;
        m_connection.commit();
    }

  private:
    runtime::Connection& m_connection;
    bool m_open;
};

void fail(TargetStatus& status, StatusState state, const std::exception& error) {
    status.state = state;
    status.detail = url::mask_passwords(error.what());
    status.pending = 0;
    status.pending_revisions.clear();
    status.applied.clear();
    status.applied_known = false;
}

} // namespace

std::string_view state_name(StatusState state) noexcept {
    switch (state) {
    case StatusState::unreachable:
        return "unreachable";
    case StatusState::error:
        return "error";
    case StatusState::locked:
        return "locked";
    case StatusState::half_done:
        return "half_done";
    case StatusState::ahead_or_unknown:
        return "ahead_or_unknown";
    case StatusState::several_heads:
        return "several_heads";
    case StatusState::behind:
        return "behind";
    case StatusState::up_to_date:
        return "up_to_date";
    }
    return "error";
}

TargetStatus target_status(const Target& target, const Project& project,
                           const StatusOptions& options) {
    TargetStatus status;
    status.name = target.name;
    status.display_url = target.display_url;
    const auto& map = project.map();
    status.heads = map.real_heads();

    std::unique_ptr<runtime::Connection> connection;
    try {
        if (!target.connect) throw UsageError("no database URL for " + target.name);
        // A database that is not there yet is at base; opening it would
        // create it (a SQLite file), which a read-only command must not.
        status.database_exists = !target.exists || target.exists();
        if (status.database_exists) connection = target.connect();
    } catch (const ConnectionError& error) {
        fail(status, StatusState::unreachable, error);
        return status;
    } catch (const std::exception& error) {
        // Reached, but not usable: a file that is no database, a refused option.
        fail(status, StatusState::error, error);
        return status;
    }

    std::optional<std::string> lock_holder;
    std::vector<Unfinished> unfinished;
    try {
        if (connection) {
            if (options.lock_holder) lock_holder = options.lock_holder(*connection, target);
            ReadTransaction reads(*connection);
            runtime::VersionTable table(target.settings.version_table,
                                        target.settings.version_table_schema);
            status.current = table.read_heads(*connection);
            unfinished =
                runtime::HistoryTable(target.settings.version_table_schema).unfinished(*connection);
            reads.end();
        }
        status.current_known = true;
        classify(status, map);
        // The version rows still tell pending and applied; a lock or a
        // half-done step is what the state must say first.
        if (lock_holder) {
            status.state = StatusState::locked;
            status.detail = url::mask_passwords(*lock_holder);
        } else if (!unfinished.empty()) {
            status.state = StatusState::half_done;
            status.detail = describe(unfinished);
        }
    } catch (const std::exception& error) {
        fail(status, StatusState::error, error);
    }
    return status;
}

TargetStatus target_status(const Target& target, const StatusOptions& options) {
    std::optional<Project> project;
    try {
        project.emplace(target.script_location);
    } catch (const std::exception& error) {
        TargetStatus status;
        status.name = target.name;
        status.display_url = target.display_url;
        fail(status, StatusState::error, error);
        return status;
    }
    return target_status(target, *project, options);
}

} // namespace fleet::engine::command
