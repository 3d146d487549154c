#pragma once

#include "orchestrator/rollout/rollout_json.hpp"

#include <string>
#include <vector>

namespace fleet::orchestrator::rollout {

// One report to merge and the file it came from (for the messages).
struct ShardReport {
    std::string file;
    RolloutDocument document;
};

// `fleet report merge`: the reports of N processes that each rolled out one
// slice (--shard K/N) joined into the report of one rollout.
//   - targets: every report's, in the order the reports are given, each as
//     listed; the summary counts are therefore the sums;
//   - halted / interrupted: when any report was; halt reasons joined, each
//     prefixed with its shard;
//   - shard: none; run: `run` (the merging process's id); runs: the reports'
//     runs, in order (a merged report's own runs, when one is merged again);
//   - missing_shards: when every report is a slice of the same N, the K/N
//     with no report (their targets' state is unknown: the merged report
//     exits 1 at least); with merged reports among them, the slices those
//     lacked that no other report holds (late reports complete a partial
//     merge).
// Throws fleet::UsageError (exit 2) for no reports, reports of different
// commands or revisions, slices of different N, one slice given twice, or a
// target in two reports (two slices overlapped: it names the target and both
// files). Pure: reads and writes nothing.
RolloutDocument merge_reports(const std::vector<ShardReport>& reports, const std::string& run);

} // namespace fleet::orchestrator::rollout
