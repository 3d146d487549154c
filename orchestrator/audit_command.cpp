#include "orchestrator/audit_command.hpp"

#include "engine/command/project.hpp"
#include "engine/command/target_audit.hpp"
#include "engine/error.hpp"
#include "orchestrator/parallel_reads.hpp"
#include "orchestrator/project_cache.hpp"
#include "orchestrator/target_list.hpp"
#include "plugins/reporters/audit_json.hpp"
#include "plugins/reporters/audit_table.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <memory>

namespace fleet::orchestrator {

namespace reporters = plugins::reporters;

void add_audit_options(CLI::App& command, AuditCommandOptions& options) {
    command.add_flag("--all", options.all,
                     "list every target in the status table, even in a large fleet");
}

int run_audit(const GlobalOptions& global, const AuditCommandOptions& options, std::ostream& out) {
    const bool json = parse_output_format(global, "audit") == OutputFormat::json;

    auto list = resolve_targets(global, Needs::database);
    // As status: every script directory loads before a database is opened.
    ProjectCache projects;
    for (const auto& listed : list.targets)
        projects.load(listed.target.script_location);

    auto rows = read_in_parallel<reporters::AuditRow>(list.selected, [&](std::size_t i) {
        const auto& listed = list.targets[i];
        return reporters::AuditRow{listed.environment, listed.database,
                                   engine::command::audit_target(
                                       listed.target, projects.of(listed.target.script_location))};
    });

    auto report = reporters::make_audit_report(std::move(rows), list.environments);
    if (json) {
        reporters::render_audit_json(report, out);
    } else {
        reporters::AuditTableOptions table;
        table.status.all = options.all;
        reporters::render_audit_table(report, out, table);
    }
    auto code = reporters::audit_exit_code(report);
    if (code == ExitCode::failed)
        std::cerr << "ERROR: some targets could not be read (see STATE)\n";
    if (code == ExitCode::out_of_sync)
        std::cerr << "the audit found targets out of sync, edited scripts or schema drift\n";
    return static_cast<int>(code);
}

} // namespace fleet::orchestrator
