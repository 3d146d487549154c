#include "orchestrator/metrics/rollout_metrics.hpp"

#include "orchestrator/logging/log.hpp"
#include "orchestrator/metrics/metrics_file.hpp"
#include "orchestrator/metrics/metrics_text.hpp"

#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <algorithm>
#include <array>

namespace fleet::orchestrator::metrics {

namespace {

using rollout::TargetState;

constexpr std::array k_outcomes{TargetState::done, TargetState::failed, TargetState::skipped,
                                TargetState::cancelled};

// From a second to an hour: a migration of an empty tenant and one that
// rewrites a large table both land in a bucket that tells them apart.
const prometheus::Histogram::BucketBoundaries k_buckets{0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600};

std::string environment_of(const std::string& target) { return target.substr(0, target.find('/')); }

} // namespace

std::string render_rollout_metrics(const RolloutMetrics& metrics) {
    std::vector<std::string> environments;
    for (const auto& outcome : metrics.report.outcomes) {
        auto environment = environment_of(outcome.target);
        if (std::find(environments.begin(), environments.end(), environment) == environments.end())
            environments.push_back(std::move(environment));
    }
    auto labels_of = [&](const std::string& environment) {
        prometheus::Labels labels{{"command", metrics.command}, {"environment", environment}};
        if (metrics.shard) labels.emplace("shard", *metrics.shard);
        return labels;
    };

    prometheus::Registry registry;
    auto& targets = prometheus::BuildGauge()
                        .Name("fleet_rollout_targets")
                        .Help("Targets of the last rollout by outcome: done, failed, skipped "
                              "(never started), cancelled.")
                        .Register(registry);
    auto& durations = prometheus::BuildHistogram()
                          .Name("fleet_rollout_target_duration_seconds")
                          .Help("Time each started target of the last rollout took.")
                          .Register(registry);
    auto& steps = prometheus::BuildGauge()
                      .Name("fleet_rollout_steps_committed")
                      .Help("Migration steps the last rollout committed.")
                      .Register(registry);
    auto& duration = prometheus::BuildGauge()
                         .Name("fleet_rollout_duration_seconds")
                         .Help("Wall time of the last rollout, start to end.")
                         .Register(registry);
    auto& exit_code = prometheus::BuildGauge()
                          .Name("fleet_rollout_exit_code")
                          .Help("Exit code of the last rollout: 0 done, 1 failed or "
                                "interrupted, 4 halted.")
                          .Register(registry);
    auto& finished = prometheus::BuildGauge()
                         .Name("fleet_rollout_finished_timestamp_seconds")
                         .Help("When the last rollout ended, in seconds since the Unix epoch.")
                         .Register(registry);

    const double seconds = static_cast<double>(metrics.duration.count()) / 1000.0;
    for (const auto& environment : environments) {
        const auto labels = labels_of(environment);
        for (auto state : k_outcomes) {
            auto with_outcome = labels;
            with_outcome.emplace("outcome", std::string(rollout::to_string(state)));
            double count = 0;
            for (const auto& outcome : metrics.report.outcomes)
                if (outcome.state == state && environment_of(outcome.target) == environment)
                    ++count;
            targets.Add(with_outcome).Set(count);
        }
        auto& histogram = durations.Add(labels, k_buckets);
        double committed = 0;
        for (const auto& outcome : metrics.report.outcomes) {
            if (environment_of(outcome.target) != environment) continue;
            committed += outcome.steps_run;
            if (outcome.state != TargetState::skipped)
                histogram.Observe(static_cast<double>(outcome.duration.count()) / 1000.0);
        }
        steps.Add(labels).Set(committed);
        duration.Add(labels).Set(seconds);
        exit_code.Add(labels).Set(static_cast<int>(metrics.report.exit_code()));
        finished.Add(labels).Set(unix_seconds(metrics.finished));
    }
    return serialize(registry);
}

RolloutMetricsWriter::RolloutMetricsWriter(std::filesystem::path path, std::string command,
                                           std::optional<std::string> shard)
    : m_path(std::move(path)), m_command(std::move(command)), m_shard(std::move(shard)) {}

void RolloutMetricsWriter::rollout_started(const rollout::RolloutPlan& /*plan*/) {
    m_started = std::chrono::steady_clock::now();
}

void RolloutMetricsWriter::rollout_finished(const rollout::RolloutReport& report) {
    RolloutMetrics metrics;
    metrics.command = m_command;
    metrics.shard = m_shard;
    metrics.report = report;
    metrics.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - m_started);
    metrics.finished = std::chrono::system_clock::now();
    try {
        write_metrics_file(m_path, render_rollout_metrics(metrics));
    } catch (const std::exception& error) {
        logging::write({.level = logging::Level::error,
                        .event = "metrics_file",
                        .message = error.what(),
                        .text = std::string("ERROR: ") + error.what()});
    }
}

} // namespace fleet::orchestrator::metrics
