#pragma once

#include "engine/revision/revision_map.hpp"
#include "engine/runtime/defaults.hpp"
#include "engine/runtime/head_maintainer.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/runtime/migration_step.hpp"
#include "engine/runtime/sql_sink.hpp"
#include "engine/runtime/step_event.hpp"
#include "engine/runtime/step_renderer.hpp"
#include "engine/runtime/version_table.hpp"
#include "engine/script/script_directory.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fleet::engine::runtime {

// How one run behaves; the inventory's settings for one target.
struct RunSettings {
    std::string version_table = k_default_version_table;
    std::string version_table_schema;       // empty: the default schema
    bool transaction_per_migration = false; // else the whole run is one transaction
    std::string run_id;                     // fleet_history.run_id; random when empty
    // The inventory's lock: settings. How long a changing command waits for
    // the target's migration lock (another run holding it) before failing.
    std::chrono::milliseconds lock_timeout{k_default_lock_timeout};
    // PostgreSQL lock_timeout for each migration statement, so DDL behind a
    // busy table fails fast instead of queueing every reader behind it; 0: none.
    std::chrono::milliseconds statement_lock_timeout{k_default_statement_lock_timeout};
    // How often a revision whose transaction hit statement_lock_timeout is
    // retried (after rolling back, with exponential backoff) before failing.
    int lock_retries = k_default_lock_retries;
    // The pause before the first such retry; each later one doubles it.
    std::chrono::milliseconds lock_retry_delay{k_default_lock_retry_delay};
    // Each step's progress as it happens (started, committed, rolled back,
    // retrying...). A step has stayed in the database only once its
    // `committed` event arrives: with one transaction for the whole run that
    // is when the run's transaction commits. log_line(event) gives the
    // progress line Alembic's log prints ("Running upgrade a -> b, message").
    // Called on the thread running the migration.
    std::function<void(const StepEvent&)> on_event;
    // Each statement as it is sent, for -v; offline runs print them anyway.
    std::function<void(const std::string&)> on_statement;
    // Asked before each unit of work after the first (a committed transaction,
    // or a transactional: false revision): true stops the run there, keeping
    // what was committed, by throwing fleet::Interrupted. With one transaction
    // for the whole run there is only one unit, so a run then finishes or
    // rolls back as a whole. Empty: never stops.
    std::function<bool()> stop_requested;
    // Offline only: the database the script is for already has the version
    // table (its caller read it, as `fleet plan --sql` does), so a script
    // starting from no heads must not create it. False: such a script creates
    // it, as `alembic upgrade --sql` does.
    bool offline_version_table_exists = false;
};

// Runs migration steps against one database, through a sink (live or
// offline), keeping the version table the way Alembic's HeadMaintainer does and
// writing a fleet_history row per step. One instance serves one run.
class MigrationContext {
  public:
    MigrationContext(SqlSink& sink, const script::ScriptDirectory& scripts, RunSettings settings);

    // The heads recorded in the live database; empty when it has no version
    // table. Creates nothing.
    std::vector<std::string> current_heads();

    // Applies steps (from migration_plan) to a database whose version table
    // holds `heads`. Transactional steps run inside one transaction for the
    // whole run (or one per revision with transaction_per_migration); a
    // revision marked transactional: false runs between transactions with its
    // history row written first. Any failure rolls back the open transaction
    // and throws: fleet::MigrationError naming revision, statement and the
    // server's message. Every step is rendered before anything runs
    // (StepRenderer): fleet::InputError then, naming file and line, for a
    // step that cannot be rendered and for a downgrade step with no
    // downgrade section that cannot be derived. A revision with a statement
    // that must run outside a transaction (CREATE INDEX CONCURRENTLY) runs as
    // a transactional: false one. purge empties the version table first
    // (stamp --purge).
    // Live, where the connection supports it, every statement runs under
    // statement_lock_timeout; a transaction failing on that timeout is rolled
    // back and run again from its start, up to lock_retries times, pausing
    // lock_retry_delay, then twice that, and so on. In one-transaction-per-run
    // mode that restarts the whole run's transaction (everything since the
    // last non-transactional revision): the transaction is all-or-nothing, so
    // nothing partial could be kept. A revision marked transactional: false
    // is never retried (its earlier statements have already committed). The
    // last failure's message says how many retries were made.
    void run(const std::vector<MigrationStep>& steps, std::vector<std::string> heads,
             bool purge = false);

    // `fleet mark-done`: records one step (a half-done transactional: false
    // revision an operator finished by hand) as done without running it: the
    // version table moves as if it had run, and a "marked_done" history row
    // says who decided, in one transaction. Throws DatabaseError.
    void mark_done(const MigrationStep& step, const std::vector<std::string>& heads);

    const VersionTable& version_table() const { return m_version_table; }

  private:
    class Transaction;
    // Where a run stands: kept aside before a transaction so a retry can
    // start it again from there.
    struct Progress {
        HeadMaintainer maintainer;
        int number = 0; // fleet_history.step_number of the last step started
    };
    // What prepare_tables needs to know.
    struct TableSetup {
        bool heads_empty = false; // the run starts from no version rows
        bool purge = false;       // stamp --purge: empty the version table
    };
    // One transaction's worth of a run: steps [from, to), after making the
    // tables when `prepare` is set; `finish` marks the run's last unit.
    struct Unit {
        std::size_t from = 0;
        std::size_t to = 0;
        std::optional<TableSetup> prepare;
        bool finish = false;
    };
    void run_unit(const std::vector<MigrationStep>& steps, const Unit& unit, Progress& progress);
    void emit(const StepEvent& event) const;
    void emit(StepEvent::Kind kind, const std::vector<MigrationStep>& steps, std::size_t from,
              int first_number, int last_number) const;
    void run_in_transaction(const MigrationStep& step, Progress& progress);
    // Commits a unit's transaction; a refused COMMIT becomes a MigrationError
    // naming the unit's last revision (last: null for a unit that only made
    // the tables).
    void commit_unit(Transaction& transaction, const MigrationStep* last);
    void run_outside_transaction(const MigrationStep& step, Progress& progress);
    bool retryable(const DatabaseError& error) const;
    // Renders every step before the first statement runs (a revision that
    // cannot be rendered or downgraded stops the run whole) into m_rendered.
    void render_steps(const std::vector<MigrationStep>& steps);
    // Whether step runs between transactions: its revision says
    // `transactional: false`, or one of its statements must.
    bool outside_transaction(const MigrationStep& step) const;
    void prepare_tables(const TableSetup& setup);
    void run_statements(const MigrationStep& step);
    void apply(const VersionChange& change);
    SqlTime now() const;

    SqlSink& m_sink;
    const script::ScriptDirectory& m_scripts;
    RunSettings m_settings;
    VersionTable m_version_table;
    HistoryTable m_history;
    // The current run's statements, by step.
    std::map<const MigrationStep*, RenderedStep> m_rendered;
    bool m_foreign_keys_off = false; // a rendered step rebuilds a SQLite table
};

} // namespace fleet::engine::runtime
