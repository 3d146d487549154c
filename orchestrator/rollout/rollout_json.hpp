#pragma once

#include "orchestrator/rollout/rollout_report.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace fleet::orchestrator::rollout {

// A rollout's report as a document for machines: what `upgrade`, `downgrade`
// and the other changing commands print with --format json over many
// targets, what `--only-failed` reads back and what `fleet report merge`
// joins. Schema version 1:
//   {"version": 1, "command": "upgrade", "revision": "head",
//    "shard": "2/4" | null, "run": "<32 hex digits>", "exit_code": 0,
//    "halted": false, "halt_reason": null, "interrupted": false,
//    "summary": {"targets": 3, "done": 2, "failed": 1, "skipped": 0, "cancelled": 0},
//    "targets": [{"target": "prod/t1", "environment": "prod", "database": "t1",
//                 "state": "failed", "steps": 1, "duration_ms": 120,
//                 "message": "..." | null,
//                 "error": {"kind", "revision", "statement", "sqlstate", "file", "line"} | null}]}
// Targets are listed in the order of the report (inventory order). A report
// merged from shards' (`fleet report merge`, report_merge.hpp) adds
//    "runs": ["<the shards' runs>", ...], "missing_shards": ["1/4", ...]
// after "run"; exit_code then also counts the missing shards.
struct RolloutDocument {
    std::string command;              // "upgrade", "downgrade", "stamp", ...
    std::string revision;             // the destination as typed: "head", "-1", "abc"
    std::optional<std::string> shard; // "K/N" when the run was one slice
    std::string run;                  // the run id of the JSON log lines
    RolloutReport report;
    // Merged documents only: the runs merged, in the order given.
    std::vector<std::string> runs;
    // Merged documents only: the "K/N" of every slice whose report was not
    // among those merged. Its targets' state is unknown (the process died
    // before reporting), so the merge is not a success.
    std::vector<std::string> missing_shards;

    // The report's exit code (RolloutReport::exit_code), and at least 1
    // (failed) when a shard is missing. Never throws.
    ExitCode exit_code() const;
};

// Writes the document (pretty-printed, ending in a newline). Never throws
// but what out throws.
void write_rollout_json(const RolloutDocument& document, std::ostream& out);

// Reads a document written by write_rollout_json (or merged). Throws
// fleet::InputError naming the file and line for a file that cannot be read,
// is not JSON, or lacks a field of schema version 1.
RolloutDocument read_rollout_json(const std::filesystem::path& path);

} // namespace fleet::orchestrator::rollout
