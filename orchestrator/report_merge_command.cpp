#include "orchestrator/report_merge_command.hpp"

#include "engine/error.hpp"
#include "orchestrator/logging/log.hpp"
#include "orchestrator/rollout/report_merge.hpp"
#include "orchestrator/rollout/report_text.hpp"
#include "orchestrator/rollout/rollout_json.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>

namespace fleet::orchestrator {

void add_report_merge_options(CLI::App& command, ReportMergeOptions& options) {
    command.add_option("files", options.files, "the shards' reports (--format json output)")
        ->required();
    command.add_option("-o,--output", options.output,
                       "also write the merged report (JSON) to this file");
}

int run_report_merge(const GlobalOptions& global, const ReportMergeOptions& options,
                     std::ostream& out) {
    // The reports say which targets they hold; an inventory filter here
    // would silently drop targets from the merged result.
    if (!global.names.empty() || !global.envs.empty() || !global.shard.empty())
        throw UsageError("fleet report merge reads reports, not an inventory: -n, --env and "
                         "--shard do not apply");
    const auto format = parse_output_format(global, "report merge");
    std::vector<rollout::ShardReport> reports;
    for (const auto& file : options.files)
        reports.push_back({file, rollout::read_rollout_json(file)});
    // The merge is a run of its own: its id is the one its log lines carry.
    const auto merged = rollout::merge_reports(reports, logging::run_id());
    if (!options.output.empty()) {
        std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
        if (file) rollout::write_rollout_json(merged, file);
        if (!file)
            throw UsageError(fmt::format("fleet report merge: cannot write {}", options.output));
    }
    if (format == OutputFormat::json) {
        rollout::write_rollout_json(merged, out);
    } else {
        rollout::write_report_text(merged.report, global.verbose, out);
        if (!merged.missing_shards.empty())
            out << fmt::format("missing shard(s) {}: no report, their targets' state is unknown\n",
                               fmt::join(merged.missing_shards, ", "));
    }
    return static_cast<int>(merged.exit_code());
}

} // namespace fleet::orchestrator
