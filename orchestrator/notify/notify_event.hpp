#pragma once

#include "orchestrator/rollout/rollout_plan.hpp"
#include "orchestrator/rollout/rollout_report.hpp"

#include <chrono>
#include <string>

// The JSON documents a notification carries (INTERFACE.md, "Operations"):
// one object per event, the same bytes for a webhook's body and a command's
// standard input. Schema version 1; every event has
//   {"version": 1, "event": "rollout_started", "run": "<32 hex digits>",
//    "command": "upgrade", "revision": "head", "fleet_version": "0.1.0",
//    "time": "2026-12-07T04:50:12.250Z"}
// and then, by event:
//   rollout_started:  "targets": 3, "environments": ["staging", "prod"]
//   target_failed:    "target": {"target", "environment", "database", "state",
//                     "steps", "duration_ms", "message",
//                     "error": {"kind", "revision", "statement", "sqlstate",
//                               "file", "line"} | null}
//                     (the shape of a target in `--format json`'s report)
//   rollout_halted:   "reason": "..."
//   rollout_finished: "exit_code": 1, "halted": false, "halt_reason": null,
//                     "interrupted": false, "summary": {"targets", "done",
//                     "failed", "skipped", "cancelled"}
// Messages and statements come masked from the rollout: no password.
namespace fleet::orchestrator::notify {

// What every event of one run says about the run.
struct RunFacts {
    std::string command;  // "upgrade", "downgrade", "stamp", "retry", "mark-done"
    std::string revision; // the destination as typed ("head"); empty when none
    std::string run;      // the run id of the JSON log lines
};

// The documents, each a compact JSON text (no newline). `when` is the
// event's time. Never throw but std::bad_alloc.
std::string rollout_started_event(const RunFacts& run, const rollout::RolloutPlan& plan,
                                  std::chrono::system_clock::time_point when);
std::string target_failed_event(const RunFacts& run, const rollout::TargetOutcome& outcome,
                                std::chrono::system_clock::time_point when);
std::string rollout_halted_event(const RunFacts& run, const std::string& reason,
                                 std::chrono::system_clock::time_point when);
std::string rollout_finished_event(const RunFacts& run, const rollout::RolloutReport& report,
                                   std::chrono::system_clock::time_point when);

} // namespace fleet::orchestrator::notify
