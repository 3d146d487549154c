#include "orchestrator/status_command.hpp"

#include "engine/command/target_locks.hpp"
#include "engine/error.hpp"
#include "orchestrator/metrics/metrics_file.hpp"
#include "orchestrator/metrics/state_metrics.hpp"
#include "orchestrator/parallel_reads.hpp"
#include "orchestrator/project_cache.hpp"
#include "orchestrator/read_progress.hpp"
#include "plugins/reporters/status_json.hpp"
#include "plugins/reporters/status_table.hpp"

#include <fmt/format.h>
#include <map>
#include <memory>
#include <optional>

namespace fleet::orchestrator {

namespace reporters = plugins::reporters;

reporters::StatusRow status_row(const ListedTarget& target, const engine::command::Project& project,
                                const engine::command::StatusOptions& options) {
    return {target.environment, target.database,
            engine::command::target_status(target.target, project, options)};
}

ExitCode run_status(const GlobalOptions& global, const StatusCommandOptions& options,
                    std::ostream& out) {
    const bool json = parse_output_format(global, "status") == OutputFormat::json;
    if (!global.metrics_file.empty()) metrics::check_metrics_path(global.metrics_file);

    auto list = resolve_targets(global, Needs::database);
    ProjectCache projects;
    for (const auto& listed : list.targets)
        projects.load(listed.target.script_location);

    // A target whose migration lock is held shows state locked, naming the
    // holder: a run is on it now, so its rows may be about to change.
    engine::command::StatusOptions status_options;
    status_options.lock_holder =
        [](engine::runtime::Connection& connection,
           const engine::command::Target& target) -> std::optional<std::string> {
        auto holders = engine::command::describe_lock_holders(connection, target);
        if (holders.empty()) return std::nullopt;
        return holders;
    };

    ReadProgressOnTerminal progress("status", list.selected.size());
    auto rows = read_in_parallel<reporters::StatusRow>(
        list.selected,
        [&](std::size_t i) {
            const auto& listed = list.targets[i];
            return status_row(listed, projects.of(listed.target.script_location), status_options);
        },
        progress.get());
    progress.end();

    auto report = reporters::summarize(std::move(rows), list.environments);
    if (json) {
        reporters::render_status_json(report, out);
    } else {
        reporters::TableOptions table;
        table.all = options.all;
        reporters::render_status_table(report, out, table);
    }
    if (!global.metrics_file.empty())
        metrics::write_metrics_file(
            global.metrics_file,
            metrics::render_status_metrics(report, std::chrono::system_clock::now()));
    return reporters::status_exit_code(report);
}

} // namespace fleet::orchestrator
