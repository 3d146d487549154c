#pragma once

#include "engine/lint/finding.hpp"
#include "orchestrator/project_cache.hpp"
#include "orchestrator/target_list.hpp"
#include "plugins/reporters/lint_report.hpp"

#include <string>
#include <vector>

// The safety check as `fleet lint`, `upgrade` and `plan` run it
// (INTERFACE.md, "Lint"): which revisions to check on which targets, their
// statements, a dry run of each on a scratch database, each target's live
// facts, the rules over all of it, and the report.
namespace fleet::orchestrator {

struct LintRequest {
    // What to check. With targets: "" or "heads" means what `upgrade heads`
    // would run on each, "REV" what `upgrade REV` would; without: "" means
    // every revision, "REV" every revision up to REV, "A:B" the range.
    std::string revision;
    // --allow-hazards RULE: findings of these rules are waived for this run.
    std::vector<std::string> allow_hazards;
    // Rules not checked when no target is selected (the inventory's top-level
    // lint.ignore; each target's own otherwise).
    std::vector<std::string> ignore;
    // The dialects to check when no target is selected (the inventory's
    // targets' dialects otherwise).
    std::vector<std::string> dialects;
    // Where a server dialect's dry run may create a scratch database, when
    // the inventory sets no dev_url (--dev-url).
    std::string dev_url;
    // false: only the revisions' text and the targets' facts (no dry run).
    bool dry_run = true;
};

struct LintOutcome {
    plugins::reporters::LintReport report;
    // The strictest `lint.fail_on` of the selected targets (the inventory's
    // top level when none is selected).
    engine::lint::Severity fail_on = engine::lint::Severity::error;
};

// Checks what `request` names on `list`'s targets (none: the script
// directory alone, at `script_location` with `settings` from the inventory's
// top level). The projects must be loaded. One target's trouble (unreachable,
// facts that cannot be read) is a note, never an exception. Throws
// fleet::UsageError for a bad request and fleet::InputError for a revision
// that cannot be rendered or a bad waiver.
LintOutcome run_lint(const TargetList& list, const ProjectCache& projects,
                     const LintRequest& request);

// The gate's first look, with no database opened: the rules alone over every
// revision up to request.revision, assuming every table is large.
struct FirstLook {
    // Something would stop one of `list`'s targets (under each one's lint
    // settings), or a statement hides its effect from the parser (a DO
    // block, SQL it cannot read): run_lint must ask the targets. False:
    // run_lint could find nothing to stop the rollout.
    bool could_block = false;
    // Such a hiding statement is there: only a dry run can tell what it does.
    bool opaque = false;
};
FirstLook first_look(const TargetList& list, const ProjectCache& projects,
                     const LintRequest& request);

} // namespace fleet::orchestrator
