#pragma once

#include "orchestrator/rollout/progress.hpp"
#include "orchestrator/rollout/rollout_report.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

// A rollout in Prometheus' text format, for --metrics-file on `upgrade`,
// `downgrade`, `stamp`, `retry` and `mark-done`. Every series has the labels
// command ("upgrade") and environment, and shard ("2/4") when the run was one
// slice, so the files of several runs can sit in one collector folder:
//   fleet_rollout_targets{outcome}            gauge: targets done, failed, skipped, cancelled
//   fleet_rollout_target_duration_seconds     histogram: each started target's time
//   fleet_rollout_steps_committed             gauge: migration steps that committed
//   fleet_rollout_duration_seconds            gauge: the whole rollout's wall time
//   fleet_rollout_exit_code                   gauge: the run's exit code (0, 1 or 4)
//   fleet_rollout_finished_timestamp_seconds  gauge: when it ended, Unix time
// All gauges, since the file describes one run and is replaced by the next.
namespace fleet::orchestrator::metrics {

// What the file is made from.
struct RolloutMetrics {
    std::string command;              // "upgrade", "downgrade", ...
    std::optional<std::string> shard; // "K/N" when the run was one slice
    rollout::RolloutReport report;    // its outcomes name their targets "ENV/NAME"
    std::chrono::milliseconds duration{0};
    std::chrono::system_clock::time_point finished;
};

// The metrics text; environments in the order of the report. Never throws
// but std::bad_alloc.
std::string render_rollout_metrics(const RolloutMetrics& metrics);

// The observer of a rollout that writes --metrics-file when it ends: it
// times the rollout from rollout_started to rollout_finished and writes the
// file then (atomically, metrics_file.hpp). A file that cannot be written is
// logged as an error and never fails the rollout: monitoring must not change
// what a migration did.
class RolloutMetricsWriter : public rollout::Progress {
  public:
    RolloutMetricsWriter(std::filesystem::path path, std::string command,
                         std::optional<std::string> shard);

    void rollout_started(const rollout::RolloutPlan& plan) override;
    void rollout_finished(const rollout::RolloutReport& report) override;

  private:
    std::filesystem::path m_path;
    std::string m_command;
    std::optional<std::string> m_shard;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

} // namespace fleet::orchestrator::metrics
