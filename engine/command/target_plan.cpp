#include "engine/command/target_plan.hpp"

#include "engine/error.hpp"
#include "engine/revision/revision_error.hpp"
#include "engine/runtime/migration_context.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "engine/runtime/step_renderer.hpp"
#include "engine/runtime/version_table.hpp"
#include "engine/url/redact.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <memory>
#include <optional>
#include <sstream>

namespace fleet::engine::command {

namespace {

std::vector<runtime::MigrationStep> plan_steps(const Project& project, const PlanRequest& request,
                                               const std::vector<std::string>& current) {
    if (request.direction == PlanDirection::downgrade)
        return runtime::plan_downgrade(project.map(), request.revision, current);
    return runtime::plan_upgrade(project.map(), request.revision, current);
}

PlannedStep planned(const runtime::MigrationStep& step, const Project& project) {
    PlannedStep out;
    out.direction = step.is_upgrade() ? PlanDirection::upgrade : PlanDirection::downgrade;
    const auto* rev = step.revision();
    if (!rev) return out; // plans of upgrade/downgrade hold no stamps
    out.revision = rev->id;
    out.down_revisions = rev->down_revisions;
    out.message = step.doc();
    const auto* script = project.scripts().find(rev->id);
    out.transactional = !script || script->transactional;
    return out;
}

// A YAML step can take its revision out of the transaction on one dialect
// only (postgresql_concurrently): rendered as `--sql` would, the plan says
// so as the run will. A step that cannot be rendered without the database
// (a SQLite rebuild of a table made by SQL) keeps its script's setting: the
// run renders it against the live catalog and decides then.
void mark_outside_transaction(std::vector<PlannedStep>& planned_steps,
                              const std::vector<runtime::MigrationStep>& steps,
                              const Project& project, const ops::Dialect* dialect) {
    if (!dialect) return;
    const bool any_yaml = std::any_of(steps.begin(), steps.end(), [&](const auto& step) {
        const auto* script =
            step.revision() ? project.scripts().find(step.revision()->id) : nullptr;
        return script && script->format == "yaml";
    });
    if (!any_yaml) return;
    try {
        runtime::StepRenderer renderer(project.scripts(), *dialect, dialect->capabilities(), true);
        const auto rendered = renderer.render(steps);
        for (std::size_t i = 0; i < rendered.size() && i < planned_steps.size(); ++i)
            if (rendered[i].outside_transaction) planned_steps[i].transactional = false;
    } catch (const InputError&) {
        // Left to the run, as above.
    }
}

// The live run refuses, before running anything, a downgrade through a
// revision without a downgrade section that cannot be derived (SQL, or YAML
// holding execute/bulk_insert); the plan says so for that target.
void check_downgradable(const std::vector<runtime::MigrationStep>& steps, const Project& project,
                        const ops::Dialect* dialect) {
    std::optional<runtime::StepRenderer> renderer;
    for (const auto& step : steps) {
        if (!step.is_downgrade() || !step.revision()) continue;
        const auto* script = project.scripts().find(step.revision()->id);
        if (!script || script->has_downgrade()) continue;
        if (script->format == "yaml" && dialect) {
            if (!renderer)
                renderer.emplace(project.scripts(), *dialect, dialect->capabilities(), true);
            (void)renderer->operations(step); // throws what the run would
            continue;
        }
        if (script->format == "yaml") continue; // no dialect to derive for: the run decides
        throw InputError(script->path, 0,
                         fmt::format("revision {} has no downgrade section and cannot be "
                                     "downgraded",
                                     step.revision()->id));
    }
}

// The SQL the run would execute from current, through the same offline path
// as `upgrade --sql START:END`.
std::string render_sql(const Target& target, const Project& project,
                       const std::vector<runtime::MigrationStep>& steps,
                       const std::vector<std::string>& current, bool version_table_exists) {
    if (!target.dialect)
        throw UsageError("--sql needs a database URL to know which SQL dialect to write");
    std::ostringstream text;
    runtime::OfflineSink offline(*target.dialect, text);
    auto settings = target.settings;
    settings.on_event = {};
    // A version table that exists but is empty (downgraded to base) must not
    // be created again: the live run would not.
    settings.offline_version_table_exists = version_table_exists;
    runtime::MigrationContext context(offline, project.scripts(), settings);
    context.run(steps, current);
    return text.str();
}

void fail(TargetPlan& plan, PlanState state, const std::exception& error) {
    plan.state = state;
    plan.detail = url::mask_passwords(error.what());
    plan.steps.clear();
    plan.sql.clear();
}

} // namespace

std::string_view plan_direction_name(PlanDirection direction) noexcept {
    return direction == PlanDirection::upgrade ? "upgrade" : "downgrade";
}

std::string_view plan_state_name(PlanState state) noexcept {
    switch (state) {
    case PlanState::unreachable:
        return "unreachable";
    case PlanState::error:
        return "error";
    case PlanState::would_run:
        return "would_run";
    case PlanState::up_to_date:
        return "up_to_date";
    }
    return "error";
}

void check_plan_revision(const Project& project, const PlanRequest& request) {
    // Planned from where some target could stand (base for an upgrade, the
    // heads for a downgrade): a name the graph cannot resolve fails from
    // anywhere, while "not reachable from here" is each target's own matter.
    const auto& map = project.map();
    std::vector<std::string> from;
    if (request.direction == PlanDirection::downgrade) from = map.real_heads();
    try {
        (void)plan_steps(project, request, from);
    } catch (const revision::ResolutionError&) {
        throw;
    } catch (const revision::MultipleHeads&) {
        throw;
    } catch (const RevisionError&) {
        // Depends on where a target stands.
    }
}

TargetPlan target_plan(const Target& target, const Project& project, const PlanRequest& request) {
    TargetPlan plan;
    plan.name = target.name;
    plan.display_url = target.display_url;

    std::unique_ptr<runtime::Connection> connection;
    try {
        if (!target.connect) throw UsageError("no database URL for " + target.name);
        // Opening a database that is not there would create it (a SQLite
        // file); a plan must not. It is at base.
        plan.database_exists = !target.exists || target.exists();
        if (plan.database_exists) connection = target.connect();
    } catch (const ConnectionError& error) {
        fail(plan, PlanState::unreachable, error);
        return plan;
    } catch (const std::exception& error) {
        fail(plan, PlanState::error, error);
        return plan;
    }

    try {
        runtime::VersionTable table(target.settings.version_table,
                                    target.settings.version_table_schema);
        bool table_exists = false;
        if (connection) {
            table_exists = table.exists(*connection);
            plan.current = table.read_heads(*connection);
        }
        plan.current_known = true;
        connection.reset(); // everything else is computed from the rows

        std::vector<std::string> unknown;
        for (const auto& id : plan.current) {
            if (!project.map().find(id)) unknown.push_back(id);
        }
        if (!unknown.empty())
            throw RevisionError(fmt::format(
                "{} {} not in the script directory (a newer release ran?)",
                unknown.size() == 1 ? "version" : "versions", fmt::join(unknown, ", ")));

        auto steps = plan_steps(project, request, plan.current);
        check_downgradable(steps, project, target.dialect);
        for (const auto& step : steps)
            plan.steps.push_back(planned(step, project));
        mark_outside_transaction(plan.steps, steps, project, target.dialect);
        plan.state = steps.empty() ? PlanState::up_to_date : PlanState::would_run;
        if (request.sql && !steps.empty())
            plan.sql = render_sql(target, project, steps, plan.current, table_exists);
    } catch (const std::exception& error) {
        fail(plan, PlanState::error, error);
    }
    return plan;
}

} // namespace fleet::engine::command
