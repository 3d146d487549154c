#include "orchestrator/plan_command.hpp"

#include "engine/command/project.hpp"
#include "engine/command/target_plan.hpp"
#include "engine/error.hpp"
#include "orchestrator/lint_command.hpp"
#include "orchestrator/parallel_reads.hpp"
#include "orchestrator/project_cache.hpp"
#include "orchestrator/read_progress.hpp"
#include "orchestrator/target_list.hpp"
#include "plugins/reporters/plan_json.hpp"
#include "plugins/reporters/plan_sql.hpp"
#include "plugins/reporters/plan_table.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <memory>

namespace fleet::orchestrator {

namespace reporters = plugins::reporters;
using engine::command::PlanDirection;
using engine::command::PlanRequest;
using engine::command::Project;

void add_plan_options(CLI::App& command, PlanCommandOptions& options) {
    command.add_option("revision", options.revision,
                       "where to plan to (default heads; required with --downgrade)");
    command.add_flag("--downgrade", options.downgrade, "plan a downgrade to REVISION instead");
    command.add_flag("--sql", options.sql,
                     "print each target's SQL from where it stands instead of the table");
    command.add_flag("--all", options.all,
                     "name every target of each block, even in a large fleet");
    command.add_option("--allow-hazards", options.allow_hazards,
                       "the safety check's rules that may not stop this upgrade");
}

int run_plan(const GlobalOptions& global, const PlanCommandOptions& options, std::ostream& out) {
    const bool json = parse_output_format(global, "plan") == OutputFormat::json;
    if (options.downgrade && options.revision.empty())
        throw UsageError("plan --downgrade needs the REVISION to downgrade to (e.g. -1 or base)");
    if (options.revision.find(':') != std::string::npos)
        throw UsageError("plan takes one REVISION, not a range: it starts from where each target "
                         "stands");

    PlanRequest request;
    request.revision = options.revision.empty() ? "heads" : options.revision;
    request.direction = options.downgrade ? PlanDirection::downgrade : PlanDirection::upgrade;
    request.sql = options.sql;

    auto list = resolve_targets(global, Needs::database);
    // Every script directory loaded, and REVISION checked against each graph,
    // before any database is opened: bad input is the command's (exit 2),
    // not a row per target.
    ProjectCache projects;
    for (const auto& listed : list.targets)
        projects.load(listed.target.script_location);
    for (const auto& [location, project] : projects.all())
        engine::command::check_plan_revision(*project, request);

    ReadProgressOnTerminal progress("plan", list.selected.size());
    auto rows = read_in_parallel<reporters::PlanRow>(
        list.selected,
        [&](std::size_t i) {
            const auto& listed = list.targets[i];
            return reporters::PlanRow{
                listed.environment, listed.database,
                engine::command::target_plan(listed.target,
                                             projects.of(listed.target.script_location), request)};
        },
        progress.get());
    progress.end();
    auto report = reporters::summarize_plan(
        std::move(rows), options.downgrade ? "downgrade" : "upgrade", request.revision);
    if (json) {
        reporters::render_plan_json(report, out, options.sql);
    } else if (options.sql) {
        reporters::render_plan_sql(report, out);
    } else {
        reporters::PlanTableOptions table;
        table.all = options.all;
        reporters::render_plan_table(report, out, table);
    }
    auto code = reporters::plan_exit_code(report);
    if (!options.downgrade)
        lint_gate(list, projects, request.revision, options.allow_hazards, "plan", std::cerr);
    if (code == ExitCode::failed)
        std::cerr << "ERROR: some targets could not be planned (see above)\n";
    return static_cast<int>(code);
}

} // namespace fleet::orchestrator
