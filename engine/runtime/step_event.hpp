#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace fleet::engine::runtime {

class MigrationStep;

// What happens to one step of a run, as it happens: the structured form of a
// run's progress, for callers that count (a step stays only once `committed`
// arrives) or log (log_line below gives Alembic's words for it).
struct StepEvent {
    enum class Kind {
        started,     // the step's statements are about to run
        committed,   // the step's changes are in the database for good
        rolled_back, // the step's transaction rolled back: nothing of it stayed
        failed,      // a transactional: false step failed part-way (it is half-done)
        retrying,    // the unit's transaction hit a lock timeout, rolled back, and runs again after
                     // `delay`
        marked_done, // `fleet mark-done` records the step as done without running it
    };
    Kind kind = Kind::started;
    std::string revision; // fleet_history.revision: the revision run, or where a stamp moves
    std::vector<std::string>
        from; // version rows the step moves from and to (depends_on not counted)
    std::vector<std::string> to;
    std::string direction;   // "upgrade", "downgrade" or "stamp"
    int number = 0;          // fleet_history.step_number within the run
    std::string description; // Alembic's str(step): "upgrade a -> b, add accounts"
    // retrying only: which retry this is (1 for the first), of how many
    // allowed, the pause before it, and the lock timeout's message.
    int attempt = 0;
    int retries = 0;
    std::chrono::milliseconds delay{0};
    std::string reason;
};

// The event of `kind` for `step`, numbered `number` in its run.
StepEvent step_event(StepEvent::Kind kind, const MigrationStep& step, int number);

// The revision a fleet_history row names: the one run, or for a stamp the
// version it moves to (or from, when a branch is stamped away).
std::string history_revision(const MigrationStep& step);

// "started", "committed", "rolled_back", "failed", "retrying", "marked_done".
const char* to_string(StepEvent::Kind kind);

// The progress line Alembic's log prints for an event: "Running upgrade a ->
// b, message" as a step starts, "Marking done ..." for mark-done, and the
// retry notice. Empty for the kinds that print nothing (committed,
// rolled_back, failed: the outcome and the error say those).
std::string log_line(const StepEvent& event);

} // namespace fleet::engine::runtime
