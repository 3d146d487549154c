#pragma once

#include "plugins/reporters/audit_report.hpp"
#include "plugins/reporters/status_report.hpp"

#include <chrono>
#include <string>

// `fleet status` and `fleet audit` in Prometheus' text format, for
// --metrics-file: where the fleet stands, scraped between rollouts. Every
// series has the labels command ("status" or "audit") and environment:
//   fleet_targets_by_state{state}         gauge: targets per status state (every
//                                         state, zeros too, so an alert on one reads 0)
//   fleet_pending_revisions               gauge: revisions `upgrade heads` would run,
//                                         summed over the targets where it is known
//   fleet_audit_edited_scripts            gauge (audit): scripts edited after they ran
//   fleet_audit_drifted_targets           gauge (audit): targets whose schema drifted
//   fleet_report_finished_timestamp_seconds  gauge: when the command read the fleet
namespace fleet::orchestrator::metrics {

// The metrics of a status report. Never throws but std::bad_alloc.
std::string render_status_metrics(const plugins::reporters::StatusReport& report,
                                  std::chrono::system_clock::time_point finished);

// The metrics of an audit report: its status part, then what only the audit
// finds. Never throws but std::bad_alloc.
std::string render_audit_metrics(const plugins::reporters::AuditReport& report,
                                 std::chrono::system_clock::time_point finished);

} // namespace fleet::orchestrator::metrics
