#pragma once

#include "engine/lint/finding.hpp"
#include "engine/lint/lint_facts.hpp"
#include "engine/lint/lint_revision.hpp"
#include "engine/lint/statement_facts.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// The walk lint_revision() makes over one revision: what each statement does
// to which table, what is known of that table on the target, what the dry
// run saw, and the findings made on the way. Internal to engine/lint: the
// definitions are split by concern (revision_linter.cpp: the walk, locks,
// foreign keys and findings; _statements.cpp: each kind of statement;
// _tables.cpp: what is known of tables, and the trace).
namespace fleet::engine::lint {

// Where a whole-table write or a SQLite rebuild stops being quick: about
// what one transaction changes in seconds on ordinary hardware.
constexpr double k_large_rows = 100'000;
constexpr long long k_large_bytes = 100LL * 1024 * 1024;

// Below both, a target's table is small: a lock held over a scan, rewrite
// or index build of it lasts well under a second, so a finding that would
// be an error is a warning there (still shown: the table may grow).
constexpr double k_small_rows = 10'000;
constexpr long long k_small_bytes = 8LL * 1024 * 1024;

// PostgreSQL versions (server_version_num) where a behaviour changed.
constexpr int k_pg11 = 110000; // a non-volatile default is stored, not written to every row
constexpr int k_pg12 = 120000; // SET NOT NULL skips its scan when a valid CHECK proves it

// Lock modes that make others' reads or writes wait (pg_locks.mode).
inline bool blocks_others(const std::string& mode) {
    return mode == "ShareLock" || mode == "ShareRowExclusiveLock" || mode == "ExclusiveLock" ||
           mode == "AccessExclusiveLock";
}

// A relation name from the trace ("public.orders", "\"Orders\"") as the
// parser names a table: the last part, unquoted.
inline std::string relation_table(const std::string& relation) {
    std::string name = relation;
    if (const auto dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
        name = name.substr(1, name.size() - 2);
    return name;
}

// What is known of one table on the target being linted.
struct TableSize {
    bool created = false;              // made by this revision: it holds no rows
    const TableFacts* facts = nullptr; // the target's catalog, when read
    bool known() const { return facts && facts->rows >= 0; }
    // Unknown sizes count as rows: the worst a target could hold.
    bool has_rows() const {
        if (created) return false;
        if (!known()) return true;
        return facts->rows > 0 || facts->bytes > 64 * 1024;
    }
    bool large() const {
        if (created) return false;
        if (!known()) return true;
        return facts->rows >= k_large_rows || facts->bytes >= k_large_bytes;
    }
};

struct PendingForeignKey {
    std::size_t statement = 0;
    std::string table;
    std::vector<std::string> columns;
    std::string referred_table;
};

struct Dropped {
    std::size_t statement = 0;
};

class RevisionLinter {
  public:
    RevisionLinter(const RevisionToLint& revision, const RevisionTrace* trace,
                   const TargetFacts* facts);
    // The findings, in line order, waivers applied.
    std::vector<Finding> run();

  private:
    // ---- what the revision does, statement by statement --------------------
    void statement(const StatementFacts& s);
    void create_table(const StatementFacts& s);
    // A constraint of a table the revision creates: its index and foreign
    // key are remembered; nothing to scan.
    void constraint_made(const std::string& table, const ConstraintFacts& c);
    void alter_table(const StatementFacts& s);
    void add_column(const std::string& table, const ColumnFacts& column);
    void alter_type(const std::string& table, const AlterAction& action);
    void set_not_null(const std::string& table, const std::string& column);
    void add_constraint(const std::string& table, const ConstraintFacts& c);
    void validate(const std::string& table, const std::string& name);
    void set_tablespace(const std::string& table, const std::string& tablespace);
    void create_index(const StatementFacts& s);
    void drop_index(const StatementFacts& s);
    void concurrently_outside_transaction(const char* what, const std::string& table);
    void drop_table(const StatementFacts& s);
    void rename_table(const StatementFacts& s);
    // What the revision knows of a table it made, under its new name.
    void move_table(const std::string& from, const std::string& to);
    // A rebuilt table's copy declares the foreign keys the table had: only
    // those the model did not know before are new. Where the model does not
    // know the table (made by SQL), none can be told new.
    void keep_new_foreign_keys(const std::string& table);
    // The copy's column types against the model's: a narrowing change made
    // by a rebuild is a narrowing change all the same.
    void narrowed_by_rebuild(const std::string& table, std::size_t dropped_at);
    // `table` dropped and replaced by a copy made in this revision: SQLite's
    // rebuild (fleet's for a YAML operation, or written by hand).
    void rebuilt(const std::string& table, std::size_t dropped_at);
    void whole_table_write(const StatementFacts& s);
    void maintenance(const StatementFacts& s);
    void reindex(const StatementFacts& s);

    // ---- what the dry run saw ----------------------------------------------
    void match_trace(const RevisionTrace* trace);
    // Whether the current statement rewrites `table`: the trace's word when
    // it ran the statement, else what the rules judged (`judged`).
    bool rewrites(const std::string& table, bool judged) const;
    // Rewrites the trace saw that no statement the rules read explains (a
    // function, a DO block, SQL the parser refused).
    void trace_rewrites();
    void trace_locks();

    // ---- rules on the locks a statement takes -------------------------------
    void lock_rules();
    // A transaction open on the target now: the current statement's lock
    // (`locks`), or CONCURRENTLY, which waits for every older transaction,
    // waits for it.
    void long_transactions(bool locks);
    void take_lock() { m_locks_taken = true; }

    // ---- foreign keys and their indexes -------------------------------------
    void foreign_keys_without_index();
    // Whether an index's leading columns are `columns` (in any order).
    static bool leads_with(const std::vector<std::string>& index,
                           const std::vector<std::string>& columns);
    bool indexed(const std::string& table, const std::vector<std::string>& columns) const;

    // ---- what is known of tables --------------------------------------------
    // Whether `table` existed before the revision (so a target may hold rows
    // in it): any table the revision did not create.
    bool existed(const std::string& table) const { return !m_created.count(table); }
    void explain(const std::string& table);
    const TableFacts* table_facts(const std::string& table) const;
    TableSize size_of(const std::string& table) const;
    int server_version() const { return m_facts ? m_facts->server_version : 0; }
    const ops::TableModel* model_table(const std::string& table) const;
    std::optional<TypeFacts> old_type(const std::string& table, const std::string& column) const;
    bool proven_not_null(const std::string& table, const std::string& column) const;
    // Whether other tables' foreign keys point into `table`; `by_facts` says
    // the target's catalog told.
    bool referenced(const std::string& table, bool& by_facts) const;
    std::string index_table(const std::string& index) const;
    // ", 12.4M rows, 3.1 GB, on production/t-acme" when the target's size
    // of `size` is known; else a note that the table may hold rows.
    std::string where(const TableSize& size) const;
    static std::string type_text(const TypeFacts& type);

    // ---- findings ------------------------------------------------------------
    void add(std::string_view rule_id, const std::string& table, std::string what, bool by_target);
    void add(std::string_view rule_id, std::size_t statement, const std::string& table,
             std::string what, bool by_target);

    const RevisionToLint& m_revision;
    const TargetFacts* m_facts;
    std::vector<const StatementTrace*> m_traced; // per statement; null: not traced
    std::size_t m_current = 0;
    bool m_transactional = true;
    bool m_in_transaction = true;
    bool m_lock_timeout = true;
    bool m_lock_timeout_reported = false;
    bool m_revision_set_lock_timeout = false;
    bool m_long_transaction_reported = false;
    bool m_locks_taken = false;            // the current statement takes a table lock
    bool m_waits_for_transactions = false; // it is CONCURRENTLY: waits for older transactions
    std::set<std::string> m_explained;     // tables the current statement is read to touch
    std::string m_last_table;
    std::set<std::string> m_created; // tables this revision made (and has not dropped)
    std::set<std::string> m_created_indexes;
    std::map<std::string, std::map<std::string, TypeFacts>> m_types; // table -> column -> type
    std::map<std::string, std::vector<std::vector<std::string>>> m_indexes; // leading columns
    std::map<std::string, std::string> m_index_tables;                      // index -> table
    std::map<std::string, std::set<std::string>> m_proven; // table -> columns a CHECK proves
    std::map<std::string, ConstraintFacts> m_not_valid;    // added NOT VALID, this transaction
    std::vector<PendingForeignKey> m_foreign_keys;
    std::map<std::string, Dropped> m_dropped; // pre-existing tables dropped, by name
    std::vector<Finding> m_findings;
};

} // namespace fleet::engine::lint
