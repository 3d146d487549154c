#include "orchestrator/audit_command.hpp"

#include "engine/autogen/table_filter.hpp"
#include "engine/command/project.hpp"
#include "engine/command/target_audit.hpp"
#include "engine/error.hpp"
#include "orchestrator/autogen/revision_schemas.hpp"
#include "orchestrator/metrics/metrics_file.hpp"
#include "orchestrator/metrics/state_metrics.hpp"
#include "orchestrator/parallel_reads.hpp"
#include "orchestrator/project_cache.hpp"
#include "orchestrator/read_progress.hpp"
#include "orchestrator/target_list.hpp"
#include "plugins/reporters/audit_json.hpp"
#include "plugins/reporters/audit_table.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <memory>

namespace fleet::orchestrator {

namespace reporters = plugins::reporters;

void add_audit_options(CLI::App& command, AuditCommandOptions& options) {
    command.add_flag("--all", options.all,
                     "list every target in the status table, even in a large fleet");
    command.add_option("--dev-url", options.dev_url,
                       "a server where fleet may create and drop the scratch databases drift "
                       "replays revisions into (default: fleet.yaml's dev_url)");
}

namespace {

// Drift's reference: the schema each read target's applied revisions build,
// both narrowed by the target's include/exclude patterns. Replays run one
// after another, after every target was read: there are as many as distinct
// sets of revisions, usually one or two per script directory.
void replay_expected(const TargetList& list, const ProjectCache& projects,
                     const std::string& dev_url, std::vector<reporters::AuditRow>& rows) {
    autogen::RevisionSchemas replays;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto& row = rows[i];
        if (!row.audit.schema || !row.audit.status.current_known) continue;
        const auto& target = list.targets[i].target;
        const auto& settings = list.selected[i].settings;
        autogen::RevisionSet set{target.script_location, std::string(target.dialect->name()),
                                 row.audit.status.current,
                                 dev_url.empty() ? settings.autogen.dev_url.value_or("") : dev_url,
                                 target.settings.version_table};
        std::sort(set.revisions.begin(), set.revisions.end());
        const auto& replayed = replays.of(set, projects.of(target.script_location));
        const engine::autogen::TableFilter filter{settings.autogen.include,
                                                  settings.autogen.exclude};
        filter.apply(*row.audit.schema);
        if (replayed.schema) {
            row.expected = *replayed.schema;
            filter.apply(*row.expected);
        } else {
            row.not_replayed = replayed.not_replayed;
        }
    }
}

} // namespace

int run_audit(const GlobalOptions& global, const AuditCommandOptions& options, std::ostream& out) {
    const bool json = parse_output_format(global, "audit") == OutputFormat::json;
    if (!global.metrics_file.empty()) metrics::check_metrics_path(global.metrics_file);

    auto list = resolve_targets(global, Needs::database);
    // As status: every script directory loads before a database is opened.
    ProjectCache projects;
    for (const auto& listed : list.targets)
        projects.load(listed.target.script_location);

    ReadProgressOnTerminal progress("audit", list.selected.size());
    auto rows = read_in_parallel<reporters::AuditRow>(
        list.selected,
        [&](std::size_t i) {
            const auto& listed = list.targets[i];
            return reporters::AuditRow{
                listed.environment, listed.database,
                engine::command::audit_target(listed.target,
                                              projects.of(listed.target.script_location)),
                std::nullopt, ""};
        },
        progress.get());
    progress.end();

    replay_expected(list, projects, options.dev_url, rows);
    auto report = reporters::make_audit_report(std::move(rows), list.environments);
    if (json) {
        reporters::render_audit_json(report, out);
    } else {
        reporters::AuditTableOptions table;
        table.status.all = options.all;
        reporters::render_audit_table(report, out, table);
    }
    if (!global.metrics_file.empty())
        metrics::write_metrics_file(
            global.metrics_file,
            metrics::render_audit_metrics(report, std::chrono::system_clock::now()));
    auto code = reporters::audit_exit_code(report);
    if (code == ExitCode::failed)
        std::cerr << "ERROR: some targets could not be read (see STATE)\n";
    if (code == ExitCode::out_of_sync)
        std::cerr << "the audit found targets out of sync, edited scripts or schema drift\n";
    return static_cast<int>(code);
}

} // namespace fleet::orchestrator
