#pragma once

#include "engine/error.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::orchestrator::rollout {

// How one target's part of a rollout ended.
enum class TargetState {
    done,      // the work function finished it
    failed,    // the work function reported a failure, or threw
    skipped,   // never started: the rollout halted or was interrupted first
    cancelled, // started, and cut short by a second signal (or the work said so)
};

// "done", "failed", "skipped", "cancelled". Never throws.
std::string_view to_string(TargetState state);

// The facts of the error that ended a target, as fields (libpqxx's failure
// and DuckDB's ErrorData carry theirs so), for the JSON log and reports:
// which revision, which statement, the server's SQLSTATE, which file and
// line. Empty strings and line 0 where a fact does not apply.
struct ErrorInfo {
    std::string
        kind; // "migration", "connection", "database", "input", "revision", "interrupted", ...
    std::string revision;  // the revision whose step failed
    std::string statement; // the statement as sent, passwords masked
    std::string sqlstate;  // PostgreSQL's five-character code
    std::string file;      // a bad input file
    int line = 0;          // its line; 0: none in particular

    bool operator==(const ErrorInfo&) const = default;
};

// One target's result: a plain value, so one target's failure never unwinds
// another's work. The work function fills state, message, steps_run and error; the
// scheduler fills target and duration.
struct TargetOutcome {
    std::string target; // "ENV/NAME"
    TargetState state = TargetState::skipped;
    std::string message; // why it failed / was skipped; free text, passwords already masked
    std::chrono::milliseconds duration{0}; // wall time of the work function; 0 when skipped
    int steps_run = 0; // migration steps that committed (stayed in the database)
    ErrorInfo error;   // the facts of message's error; empty when done

    bool operator==(const TargetOutcome&) const = default;
};

// What a rollout did.
struct RolloutReport {
    std::vector<TargetOutcome> outcomes; // one per target, in inventory order
    bool halted = false;                 // the failure threshold was crossed (or a canary failed)
    bool interrupted = false;            // a SIGINT/SIGTERM (or Scheduler::interrupt()) arrived
    std::string halt_reason;             // why it halted; empty unless halted

    bool operator==(const RolloutReport&) const = default;

    // How many outcomes are in this state. Never throws.
    std::size_t count(TargetState state) const;

    // The process exit code (INTERFACE.md "Exit codes"): 4 when halted;
    // otherwise 1 when interrupted or when any target is not done (failed,
    // cancelled, or skipped); 0 when every target is done (also for no
    // targets). An interrupted rollout exits 1, not the shell's 130:
    // INTERFACE.md's codes are the contract scripts test, and the report
    // says "interrupted". Never throws.
    ExitCode exit_code() const;
};

} // namespace fleet::orchestrator::rollout
