#pragma once

#include "engine/lint/finding.hpp"
#include "engine/lint/lint_facts.hpp"
#include "engine/lint/revision_statements.hpp"
#include "engine/ops/schema_model.hpp"
#include "engine/script/script.hpp"

#include <string>
#include <vector>

// The rules applied to one revision (INTERFACE.md, "Lint: the safety check
// before changes"). Without a trace or target facts a rule assumes the worst
// a target could hold: a table that existed before the revision may have
// rows, fleet's default statement_lock_timeout is in force, the server is
// PostgreSQL 11 or later. With facts it decides per target (an empty table
// passes, 500,000 rows is an error naming them); with a trace, whether a
// statement rewrote a table is what the dry run saw. A table the revision
// creates never counts as having rows.
namespace fleet::engine::lint {

// One revision as the rules read it.
struct RevisionToLint {
    std::string id;
    std::string file;
    bool transactional = true; // the file's `transactional:`
    std::string dialect;       // "postgresql" or "sqlite": which rules apply
    std::vector<LintStatement> statements;
    // The schema the revisions before it build (YAML ones; maybe
    // incomplete): old column types, indexes, checks, foreign keys.
    ops::SchemaModel before;
    std::vector<script::Waiver> waivers;
};

// Revision `id` of `scripts` on `dialect`: its statements (as
// revision_statements), the model before it from `replay` (made for the
// dialect's name), its flags and waivers. Throws as revision_statements,
// and InputError (file, line) for a waiver naming a rule not in the catalog.
RevisionToLint revision_to_lint(const script::ScriptDirectory& scripts, const std::string& id,
                                const ops::Dialect& dialect, runtime::SchemaReplay& replay);

// The findings of `revision`, in statement order, each waived (`waived` set
// to the reason) when the revision allows its rule. `trace`: its dry run
// (null or untraced: not known). `facts`: one target's (null: not known);
// findings a fact of it decided name facts->target and carry the table's
// rows and bytes. Throws InputError for a waiver naming an unknown rule;
// never for SQL it cannot read (left to the dry run).
std::vector<Finding> lint_revision(const RevisionToLint& revision,
                                   const RevisionTrace* trace = nullptr,
                                   const TargetFacts* facts = nullptr);

} // namespace fleet::engine::lint
