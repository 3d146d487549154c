#pragma once

#include "engine/lint/lint_facts.hpp"
#include "engine/lint/revision_statements.hpp"
#include "orchestrator/lint/session_probe.hpp"

// What one statement of a dry run did, told apart from what the session
// showed before and after it: the locks it took and the relations it gave
// new storage. Pure: the dry run does the looking (session_probe.hpp).
namespace fleet::orchestrator::lint {

// The trace of `statement` from the session's view at the revision's start
// (`at_start`), just before the statement (`before`) and just after it
// (`after`). Locks: those held after and not before, on user relations
// only, named as after the statement (as before it for a relation it
// dropped), sorted by relation and mode. Rewritten: tables that existed at
// the revision's start and whose storage after the statement differs both
// from before it and from the start, so a table rebuilt by create, copy,
// drop and rename is reported once, at the statement that gives the name
// its new storage. Never throws but std::bad_alloc.
engine::lint::StatementTrace statement_effects(const engine::lint::LintStatement& statement,
                                               const SessionView& at_start,
                                               const SessionView& before, const SessionView& after);

} // namespace fleet::orchestrator::lint
