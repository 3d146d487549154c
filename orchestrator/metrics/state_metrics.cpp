#include "orchestrator/metrics/state_metrics.hpp"

#include "orchestrator/metrics/metrics_text.hpp"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

namespace fleet::orchestrator::metrics {

namespace {

namespace reporters = plugins::reporters;

// The status part both commands write, added to registry.
void add_status(prometheus::Registry& registry, const reporters::StatusReport& report,
                const std::string& command, std::chrono::system_clock::time_point finished) {
    auto& by_state = prometheus::BuildGauge()
                         .Name("fleet_targets_by_state")
                         .Help("Targets per status state (up_to_date, behind, unreachable, ...).")
                         .Register(registry);
    auto& pending = prometheus::BuildGauge()
                        .Name("fleet_pending_revisions")
                        .Help("Revisions `fleet upgrade heads` would run, summed over the "
                              "targets where that is known.")
                        .Register(registry);
    auto& read_at = prometheus::BuildGauge()
                        .Name("fleet_report_finished_timestamp_seconds")
                        .Help("When the command finished reading the fleet, in seconds since "
                              "the Unix epoch.")
                        .Register(registry);
    for (const auto& environment : report.environments) {
        const prometheus::Labels labels{{"command", command}, {"environment", environment.name}};
        for (std::size_t i = 0; i < reporters::k_state_count; ++i) {
            auto with_state = labels;
            with_state.emplace("state", std::string(engine::command::state_name(
                                            static_cast<reporters::StatusState>(i))));
            by_state.Add(with_state).Set(static_cast<double>(environment.states[i]));
        }
        double revisions = 0;
        for (const auto& row : report.rows) {
            const auto state = row.status.state;
            const bool known = state != reporters::StatusState::unreachable &&
                               state != reporters::StatusState::error &&
                               state != reporters::StatusState::ahead_or_unknown;
            if (row.environment == environment.name && known)
                revisions += static_cast<double>(row.status.pending);
        }
        pending.Add(labels).Set(revisions);
        read_at.Add(labels).Set(unix_seconds(finished));
    }
}

} // namespace

std::string render_status_metrics(const reporters::StatusReport& report,
                                  std::chrono::system_clock::time_point finished) {
    prometheus::Registry registry;
    add_status(registry, report, "status", finished);
    return serialize(registry);
}

std::string render_audit_metrics(const reporters::AuditReport& report,
                                 std::chrono::system_clock::time_point finished) {
    prometheus::Registry registry;
    add_status(registry, report.status, "audit", finished);
    auto& edited = prometheus::BuildGauge()
                       .Name("fleet_audit_edited_scripts")
                       .Help("Revision scripts edited after they ran, counted per target.")
                       .Register(registry);
    auto& drifted = prometheus::BuildGauge()
                        .Name("fleet_audit_drifted_targets")
                        .Help("Targets whose schema differs from what their revisions build.")
                        .Register(registry);
    for (const auto& environment : report.status.environments) {
        const prometheus::Labels labels{{"command", "audit"}, {"environment", environment.name}};
        double scripts = 0;
        for (const auto& row : report.rows)
            if (row.environment == environment.name)
                scripts += static_cast<double>(row.audit.edited.size());
        double targets = 0;
        for (const auto& drift : report.drift)
            if (drift.environment == environment.name) ++targets;
        edited.Add(labels).Set(scripts);
        drifted.Add(labels).Set(targets);
    }
    return serialize(registry);
}

} // namespace fleet::orchestrator::metrics
