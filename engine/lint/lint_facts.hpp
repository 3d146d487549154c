#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

// What the rules know beyond a revision's own text: what a dry run of it did
// on a scratch database (RevisionTrace), and what one target looks like now
// (TargetFacts). The orchestrator gathers both (orchestrator/lint/); the
// rules (engine/lint/) read them, and treat a missing one as "not known":
// without facts a rule assumes the worst a target could hold (a table with
// rows), with them it decides per target.
namespace fleet::engine::lint {

// A lock the dry run's own session held on a relation after a statement.
struct LockTaken {
    std::string relation;       // table or index, schema-qualified when not in the search path
    std::string mode;           // pg_locks.mode: "AccessExclusiveLock", "ShareLock", ...
    bool existed_before = true; // false: the revision created the relation
};

// One statement of a revision as the dry run ran it.
struct StatementTrace {
    int line = 0;                       // where it starts in its revision file
    std::string sql;                    // as run
    std::vector<LockTaken> locks;       // locks held once it ran, new since the statement before
    std::vector<std::string> rewritten; // relations that existed before and got new storage
                                        // (PostgreSQL relfilenode, SQLite rootpage)
    // false: not run in the dry run (it must run outside a transaction,
    // CONCURRENTLY), or the trace stopped at it (RevisionTrace::why_not).
    bool traced = true;
};

// A revision's dry run: inside a transaction that is rolled back, on a
// scratch database holding what the revisions before it build.
struct RevisionTrace {
    std::string revision;
    bool traced = false; // false: why_not says why (no dev_url, the replay failed, ...)
    // With traced: why the trace stopped before the last statement.
    std::string why_not;
    std::string failed; // the server's message when a statement failed in the dry run
    int failed_line = 0;
    std::vector<StatementTrace> statements;
};

// One table of a target, as its catalog says now. Read-only, bounded in time.
struct TableFacts {
    double rows =
        -1; // PostgreSQL reltuples (an estimate); SQLite: counted or estimated; -1 unknown
    long long bytes = -1; // on disk, indexes and TOAST included; -1 unknown
    // Columns a valid CHECK (col IS NOT NULL) already proves, so SET NOT NULL needs no scan.
    std::vector<std::string> not_null_proven;
    // Each index's leading columns in order, for "a foreign key without an index".
    std::vector<std::vector<std::string>> index_columns;
    bool referenced_by_foreign_keys = false; // another table's foreign key points here
};

// A transaction open on the target now.
struct OpenTransaction {
    int pid = 0;
    std::chrono::seconds age{0};
    std::string state;       // pg_stat_activity.state
    std::string application; // application_name
    // The tables of those asked for that it holds a lock on: a revision
    // locking one of them waits for it to end, however young it is.
    std::vector<std::string> holding;
};

struct TargetFacts {
    std::string target;     // "ENV/DATABASE"
    std::string dialect;    // "postgresql", "sqlite"
    int server_version = 0; // PostgreSQL server_version_num (150004); 0 for SQLite or unknown
    std::map<std::string, TableFacts> tables; // the tables the linted revisions touch, by name
    std::vector<OpenTransaction>
        open_transactions; // older than the threshold, or holding a lock on a table asked for
    std::chrono::milliseconds statement_lock_timeout{
        0};                 // fleet's lock.statement_lock_timeout for it
    std::string unreadable; // why the facts could not be read; empty when they were
};

} // namespace fleet::engine::lint
