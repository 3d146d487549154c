#pragma once

#include "orchestrator/cli_options.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace fleet::orchestrator {

// The options of `fleet report merge` beyond the global ones.
struct ReportMergeOptions {
    std::vector<std::string> files; // the shards' --format json reports
    std::string output;             // -o: also write the merged document here
};

// Registers the command's own arguments on its CLI11 subcommand.
void add_report_merge_options(CLI::App& command, ReportMergeOptions& options);

// `fleet report merge FILE... [-o OUT]`: reads the rollout reports that N
// processes wrote with --format json, each for its --shard K/N, and joins
// them (rollout/report_merge.hpp) into the report of one rollout. On out:
// the text summary a rollout prints (--format table, the default) or the
// merged document (--format json). With -o the merged document is also
// written to OUT (always JSON: the file a later step reads back), so a CI
// job's log shows the summary and its artifact keeps the document. Returns
// the merged report's exit code: 0 when every target of every slice is done,
// 1 when one is not or a slice's report is missing, 4 when a slice halted.
// Throws fleet::InputError (exit 2) for a file that is not a report, naming
// it; fleet::UsageError (exit 2) for reports that are not one rollout's
// (report_merge.hpp), selection options, or an OUT that cannot be written.
int run_report_merge(const GlobalOptions& global, const ReportMergeOptions& options,
                     std::ostream& out);

} // namespace fleet::orchestrator
