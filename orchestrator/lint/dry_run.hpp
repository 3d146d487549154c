#pragma once

#include "engine/command/project.hpp"
#include "engine/lint/lint_facts.hpp"
#include "engine/lint/revision_statements.hpp"
#include "engine/runtime/defaults.hpp"
#include "orchestrator/lint/session_probe.hpp"

#include <set>
#include <string>
#include <vector>

// The traced dry run of `fleet lint` (INTERFACE.md, "Lint"): each pending
// revision runs inside a transaction that is rolled back, on a scratch
// database holding what the revisions before it build, and after each
// statement the session's own locks and every relation's storage are read,
// as Eugene does. What it finds is what the database does, however the SQL
// hides it (a DO block, a function). Only the scratch database is touched:
// a file in a temporary folder, or a database fleet creates on dev_url and
// drops again, also on an error or an interrupt (autogen/scratch_database.hpp).
namespace fleet::orchestrator::lint {

// A revision to dry-run, with the statements its upgrade runs on the
// dialect (engine::lint::revision_statements()).
struct PendingRevision {
    std::string id;
    std::vector<engine::lint::LintStatement> statements;
};

struct DryRunOptions {
    std::string dialect; // "postgresql", "sqlite": the scratch database's
    std::string dev_url; // where a server dialect's scratch database goes (fleet.yaml's dev_url)
    std::string version_table = engine::runtime::k_default_version_table;
    // The bounds of each statement on the scratch database, the dry run's
    // and the replay's, so a dry run never hangs; the replay's lock waits
    // are not retried.
    SessionBounds bounds;
};

// One trace per revision of `revisions`, in their order (lowest first, as
// an upgrade runs them), all on one scratch database: the script directory
// of `project` replayed up to each revision's parents (down revisions and
// depends_on) where they are not there yet; then the revision's statements
// run in a transaction, each traced (the locks it took, the tables that
// existed before the revision and got new storage), and rolled back; then
// the revision applied for real by the engine, so the next one starts from
// it. A statement that fails gives `failed`/`failed_line` (the server's
// message) and ends that revision's trace; the revisions after it that
// need it are not traced (why_not says why). A statement that must run
// outside a transaction is listed with traced = false; should a later
// statement fail, or the revision fail when applied at such a statement,
// the trace says so. A trace that stops early (a statement ran longer than
// `bounds`, one ended the transaction) keeps its statements so far, with
// why_not saying where and why. Without a scratch database (a server
// dialect and no dev_url, a dev server that refuses) every revision has
// traced = false and why_not says why. Messages never hold a password.
// Never throws but std::bad_alloc.
std::vector<engine::lint::RevisionTrace> dry_run(const engine::command::Project& project,
                                                 const std::vector<PendingRevision>& revisions,
                                                 const DryRunOptions& options);

// `ids` in the order an upgrade from base runs them, lowest first: the
// revisions pending on many targets (a union), put in the order dry_run()
// takes, so they are traced in one run on one scratch database. Ids not in
// the graph are left out. Never throws but std::bad_alloc.
std::vector<std::string> upgrade_order(const engine::command::Project& project,
                                       const std::set<std::string>& ids);

} // namespace fleet::orchestrator::lint
