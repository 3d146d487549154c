#include "engine/command/half_done.hpp"

#include "engine/command/locked_target.hpp"
#include "engine/error.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/runtime/migration_plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fleet::engine::command {

namespace {

std::vector<std::string> revisions_of(const std::vector<runtime::UnfinishedStep>& steps) {
    std::vector<std::string> ids;
    for (const auto& step : steps)
        ids.push_back(step.revision);
    return ids;
}

// The half-done step the operator means: the named one (an id or a prefix),
// or the only one there is.
const runtime::UnfinishedStep& choose(const std::vector<runtime::UnfinishedStep>& unfinished,
                                      const std::optional<std::string>& revision,
                                      const Target& target) {
    if (!revision || revision->empty()) {
        if (unfinished.size() == 1) return unfinished.front();
        throw UsageError(fmt::format("{} has {} half-done steps ({}); name the one to resolve",
                                     target.name, unfinished.size(),
                                     fmt::join(revisions_of(unfinished), ", ")));
    }
    const runtime::UnfinishedStep* found = nullptr;
    for (const auto& step : unfinished) {
        if (step.revision.rfind(*revision, 0) != 0) continue;
        if (found)
            throw UsageError(
                fmt::format("'{}' names several half-done steps on {}", *revision, target.name));
        found = &step;
    }
    if (!found) {
        throw UsageError(fmt::format("revision '{}' is not half-done on {} (half-done: {})",
                                     *revision, target.name,
                                     fmt::join(revisions_of(unfinished), ", ")));
    }
    return *found;
}

// The one step that redoes the half-done one from where the version table
// stands: an upgrade of the revision from its parents, or a downgrade of it
// to them. Anything else means the version table moved since (a stamp by
// hand), and the operator must look before fleet acts.
runtime::MigrationStep step_for(const Project& project, const runtime::UnfinishedStep& half_done,
                                const std::vector<std::string>& heads) {
    const auto* revision = project.map().find(half_done.revision);
    if (!revision) {
        throw RevisionError(fmt::format("half-done revision {} is not in the script directory",
                                        half_done.revision));
    }
    std::vector<runtime::MigrationStep> steps;
    if (half_done.direction == "upgrade") {
        steps = runtime::plan_upgrade(project.map(), revision->id, heads);
    } else if (revision->down_revisions.size() <= 1) {
        auto parent = revision->down_revisions.empty() ? std::string("base")
                                                       : revision->down_revisions.front();
        steps = runtime::plan_downgrade(project.map(), parent, heads);
    }
    if (steps.size() != 1 || !steps.front().revision() ||
        steps.front().revision()->id != revision->id) {
        throw RevisionError(fmt::format(
            "the version table no longer has {} {} as its next step ({} step(s) would run); "
            "check the database and set the version table with `fleet stamp` first",
            half_done.direction, half_done.revision, steps.size()));
    }
    return steps.front();
}

enum class Choice { retry, mark_done };

void resolve(const Target& target, const Project& project,
             const std::optional<std::string>& revision, Choice choice, std::ostream& out) {
    auto locked = lock_target(target);
    auto unfinished =
        runtime::HistoryTable(target.settings.version_table_schema).unfinished(*locked.connection);
    if (unfinished.empty()) {
        out << "Nothing half-done on " << target.name << "\n";
        locked.release();
        return;
    }
    const auto& half_done = choose(unfinished, revision, target);
    auto step = step_for(project, half_done, locked.heads);
    runtime::LiveSink sink(*locked.connection);
    runtime::MigrationContext context(sink, project.scripts(), target.settings);
    if (choice == Choice::retry) {
        context.run({step}, locked.heads);
    } else {
        context.mark_done(step, locked.heads);
    }
    locked.release();
}

} // namespace

void retry(const Target& target, const Project& project, const std::optional<std::string>& revision,
           std::ostream& out) {
    resolve(target, project, revision, Choice::retry, out);
}

void mark_done(const Target& target, const Project& project,
               const std::optional<std::string>& revision, std::ostream& out) {
    resolve(target, project, revision, Choice::mark_done, out);
}

} // namespace fleet::engine::command
