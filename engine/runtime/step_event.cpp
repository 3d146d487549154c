#include "engine/runtime/step_event.hpp"

#include "engine/runtime/migration_step.hpp"
#include "engine/util/duration.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fleet::engine::runtime {

std::string history_revision(const MigrationStep& step) {
    if (!step.is_stamp()) return step.revision()->id;
    auto ids = step.to_revisions_no_deps();
    if (ids.empty()) ids = step.from_revisions_no_deps();
    return ids.empty() ? std::string("base") : fmt::format("{}", fmt::join(ids, ","));
}

StepEvent step_event(StepEvent::Kind kind, const MigrationStep& step, int number) {
    StepEvent event;
    event.kind = kind;
    event.revision = history_revision(step);
    event.from = step.from_revisions_no_deps();
    event.to = step.to_revisions_no_deps();
    event.direction = step.is_stamp() ? "stamp" : (step.is_upgrade() ? "upgrade" : "downgrade");
    event.number = number;
    event.description = step.describe();
    return event;
}

const char* to_string(StepEvent::Kind kind) {
    switch (kind) {
    case StepEvent::Kind::started:
        return "started";
    case StepEvent::Kind::committed:
        return "committed";
    case StepEvent::Kind::rolled_back:
        return "rolled_back";
    case StepEvent::Kind::failed:
        return "failed";
    case StepEvent::Kind::retrying:
        return "retrying";
    case StepEvent::Kind::marked_done:
        return "marked_done";
    }
    return "unknown";
}

std::string log_line(const StepEvent& event) {
    switch (event.kind) {
    case StepEvent::Kind::started:
        return "Running " + event.description;
    case StepEvent::Kind::marked_done:
        return "Marking done " + event.description;
    case StepEvent::Kind::retrying:
        return fmt::format("Lock timeout ({}); rolled back, retrying in {} (retry {} of {})",
                           event.reason, util::format_duration(event.delay), event.attempt,
                           event.retries);
    case StepEvent::Kind::committed:
    case StepEvent::Kind::rolled_back:
    case StepEvent::Kind::failed:
        return {};
    }
    return {};
}

} // namespace fleet::engine::runtime
