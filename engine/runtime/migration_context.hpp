#pragma once

#include "engine/revision/revision_map.hpp"
#include "engine/runtime/head_maintainer.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/runtime/migration_step.hpp"
#include "engine/runtime/sql_sink.hpp"
#include "engine/runtime/version_table.hpp"
#include "engine/script/script_directory.hpp"

#include <functional>
#include <string>
#include <vector>

namespace fleet::engine::runtime {

// How one run behaves; the inventory's settings for one target.
struct RunSettings {
    std::string version_table = "alembic_version";
    std::string version_table_schema;       // empty: the default schema
    bool transaction_per_migration = false; // else the whole run is one transaction
    std::string run_id;                     // fleet_history.run_id; random when empty
    // Called with Alembic's log line ("Running upgrade a -> b, message") as
    // each step starts.
    std::function<void(const std::string&)> on_step;
};

// Runs migration steps against one database, through a sink (live or
// offline), keeping the version table the way Alembic's HeadMaintainer does and
// writing a fleet_history row per step. One instance serves one run.
class MigrationContext {
public:
    MigrationContext(SqlSink& sink, const script::ScriptDirectory& scripts,
                     const revision::RevisionMap& map, RunSettings settings);

    // The heads recorded in the live database; empty when it has no version
    // table. Creates nothing.
    std::vector<std::string> current_heads();

    // Applies steps (from migration_plan) to a database whose version table
    // holds `heads`. Transactional steps run inside one transaction for the
    // whole run (or one per revision with transaction_per_migration); a
    // revision marked transactional: false runs between transactions with its
    // history row written first. Any failure rolls back the open transaction
    // and throws: fleet::MigrationError naming revision, statement and the
    // server's message; fleet::InputError before anything runs when a
    // downgrade step has no downgrade section. purge empties the version table
    // first (stamp --purge).
    void run(const std::vector<MigrationStep>& steps, std::vector<std::string> heads,
             bool purge = false);

    const VersionTable& version_table() const { return m_version_table; }

private:
    class Transaction;
    void check_runnable(const std::vector<MigrationStep>& steps) const;
    void prepare_tables(bool heads_empty, bool purge);
    void run_statements(const MigrationStep& step);
    void apply(const VersionChange& change);
    SqlTime now() const;

    SqlSink& m_sink;
    const script::ScriptDirectory& m_scripts;
    const revision::RevisionMap& m_map;
    RunSettings m_settings;
    VersionTable m_version_table;
    HistoryTable m_history;
};

} // namespace fleet::engine::runtime
