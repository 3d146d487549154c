#include "engine/lint/lint_revision.hpp"

#include "engine/error.hpp"
#include "engine/lint/rules.hpp"
#include "engine/lint/size_text.hpp"
#include "engine/lint/statement_facts.hpp"
#include "engine/lint/type_change.hpp"
#include "engine/lint/waivers.hpp"
#include "engine/runtime/schema_replay.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace fleet::engine::lint {

namespace {

using Kind = StatementFacts::Kind;
using Action = AlterAction::Kind;

// Where a whole-table write or a SQLite rebuild stops being quick: about
// what one transaction changes in seconds on ordinary hardware.
constexpr double k_large_rows = 100'000;
constexpr long long k_large_bytes = 100LL * 1024 * 1024;

// PostgreSQL versions (server_version_num) where a behaviour changed.
constexpr int k_pg11 = 110000; // a non-volatile default is stored, not written to every row
constexpr int k_pg12 = 120000; // SET NOT NULL skips its scan when a valid CHECK proves it

// Lock modes that make others' reads or writes wait (pg_locks.mode).
bool blocks_others(const std::string& mode) {
    return mode == "ShareLock" || mode == "ShareRowExclusiveLock" || mode == "ExclusiveLock" ||
           mode == "AccessExclusiveLock";
}

// A relation name from the trace ("public.orders", "\"Orders\"") as the
// parser names a table: the last part, unquoted.
std::string relation_table(const std::string& relation) {
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
                   const TargetFacts* facts)
        : m_revision(revision), m_facts(facts) {
        m_transactional =
            revision.transactional &&
            std::none_of(revision.statements.begin(), revision.statements.end(),
                         [](const LintStatement& s) { return s.outside_transaction; });
        m_in_transaction = m_transactional;
        // fleet sets its statement_lock_timeout (5s unless the inventory
        // says otherwise) on every target: without facts it is in force.
        m_lock_timeout = !facts || facts->statement_lock_timeout.count() > 0;
        match_trace(trace);
    }

    std::vector<Finding> run() {
        for (std::size_t i = 0; i < m_revision.statements.size(); ++i) {
            m_current = i;
            m_locks_taken = false;
            m_waits_for_transactions = false;
            m_explained.clear();
            for (const StatementFacts& facts : read_statements(m_revision.statements[i].sql))
                statement(facts);
            trace_rewrites();
            trace_locks();
            lock_rules();
            if (!m_in_transaction) m_not_valid.clear(); // each statement commits on its own
        }
        for (const auto& [table, dropped] : m_dropped)
            add("drop-table", dropped.statement, table,
                fmt::format("drops table {} and every row in it", table), false);
        foreign_keys_without_index();
        std::stable_sort(m_findings.begin(), m_findings.end(),
                         [](const Finding& a, const Finding& b) { return a.line < b.line; });
        apply_waivers(m_findings, m_revision.waivers);
        return std::move(m_findings);
    }

  private:
    // ---- what the revision does, statement by statement --------------------

    void statement(const StatementFacts& s) {
        switch (s.kind) {
        case Kind::create_table:
            create_table(s);
            break;
        case Kind::alter_table:
            alter_table(s);
            break;
        case Kind::create_index:
            create_index(s);
            break;
        case Kind::drop_index:
            drop_index(s);
            break;
        case Kind::drop_table:
            drop_table(s);
            break;
        case Kind::rename_table:
            rename_table(s);
            break;
        case Kind::rename_column:
            explain(s.table);
            if (existed(s.table)) {
                take_lock();
                add("rename-column", s.table,
                    fmt::format("renames column {}.{} to {}: code still using {} fails", s.table,
                                s.column, s.new_name, s.column),
                    false);
            }
            break;
        case Kind::update:
        case Kind::delete_rows:
            whole_table_write(s);
            break;
        case Kind::vacuum_full:
        case Kind::cluster:
            maintenance(s);
            break;
        case Kind::truncate:
            for (const auto& table : s.tables)
                explain(table);
            if (std::any_of(s.tables.begin(), s.tables.end(),
                            [&](const std::string& t) { return existed(t); }))
                take_lock();
            break;
        case Kind::set_lock_timeout:
            m_lock_timeout = s.lock_timeout_ms > 0;
            if (m_lock_timeout) m_lock_timeout_reported = false;
            m_revision_set_lock_timeout = true;
            break;
        case Kind::begin:
            m_in_transaction = true;
            break;
        case Kind::commit:
            m_in_transaction = m_transactional;
            m_not_valid.clear();
            break;
        case Kind::unparsed:
        case Kind::other:
        case Kind::do_block:
            break; // the trace speaks for these
        }
    }

    void create_table(const StatementFacts& s) {
        m_created.insert(s.table);
        explain(s.table);
        for (const auto& column : s.columns) {
            m_types[s.table][column.name] = column.type;
            for (const auto& c : column.constraints)
                constraint_made(s.table, c);
        }
        for (const auto& c : s.constraints)
            constraint_made(s.table, c);
    }

    // A constraint of a table the revision creates: its index and foreign
    // key are remembered; nothing to scan.
    void constraint_made(const std::string& table, const ConstraintFacts& c) {
        using C = ConstraintFacts::Kind;
        if (c.kind == C::unique || c.kind == C::primary_key) m_indexes[table].push_back(c.columns);
        if (c.kind == C::foreign_key)
            m_foreign_keys.push_back({m_current, table, c.columns, c.referred_table});
        if (c.kind == C::check && !c.proves_not_null.empty())
            m_proven[table].insert(c.proves_not_null);
    }

    void alter_table(const StatementFacts& s) {
        explain(s.table);
        const bool existing = existed(s.table);
        if (existing) take_lock();
        for (const auto& action : s.actions) {
            if (!existing) {
                if (action.kind == Action::add_column) {
                    m_types[s.table][action.column] = action.added.type;
                    for (const auto& c : action.added.constraints)
                        constraint_made(s.table, c);
                } else if (action.kind == Action::alter_type) {
                    m_types[s.table][action.column] = action.type;
                } else if (action.kind == Action::add_constraint) {
                    constraint_made(s.table, action.constraint);
                }
                continue;
            }
            switch (action.kind) {
            case Action::add_column:
                add_column(s.table, action.added);
                break;
            case Action::drop_column:
                add("drop-column", s.table,
                    fmt::format("drops column {}.{} and its data", s.table, action.column), false);
                break;
            case Action::alter_type:
                alter_type(s.table, action);
                break;
            case Action::set_not_null:
                set_not_null(s.table, action.column);
                break;
            case Action::add_constraint:
                add_constraint(s.table, action.constraint);
                break;
            case Action::validate_constraint:
                validate(s.table, action.column);
                break;
            default:
                break;
            }
        }
    }

    void add_column(const std::string& table, const ColumnFacts& column) {
        m_types[table][column.name] = column.type;
        const TableSize size = size_of(table);
        if (column.default_kind == DefaultKind::volatile_per_row) {
            if (rewrites(table, true) && size.has_rows())
                add("rewrite-volatile-default", table,
                    fmt::format("adds {}.{} with a default computed per row: rewrites {}{} under "
                                "ACCESS EXCLUSIVE, no reads or writes until it ends",
                                table, column.name, table, where(size)),
                    size.known());
        } else if (column.default_kind != DefaultKind::none && server_version() > 0 &&
                   server_version() < k_pg11 && size.has_rows()) {
            // The scratch database of the trace may be newer than the
            // target: the target's version decides.
            add("rewrite-constant-default", table,
                fmt::format("adds {}.{} with a default on PostgreSQL {}: rewrites {}{} under "
                            "ACCESS EXCLUSIVE",
                            table, column.name, server_version() / 10000, table, where(size)),
                true);
        }
        for (const auto& c : column.constraints)
            add_constraint(table, c);
    }

    void alter_type(const std::string& table, const AlterAction& action) {
        const std::optional<TypeFacts> old = old_type(table, action.column);
        m_types[table][action.column] = action.type;
        TypeChange change;
        if (old) {
            change = type_change(*old, action.type);
        } else {
            // The old type is not known (made by SQL of an earlier revision):
            // to text or unlimited varchar is a relabel from any string type,
            // which is what such a change usually is; the trace says more.
            const bool to_string = (action.type.name == "text" || action.type.name == "varchar") &&
                                   action.type.modifiers.empty() && !action.type.array;
            change.rewrites = !to_string || action.using_expression;
        }
        const TableSize size = size_of(table);
        const std::string from = old ? type_text(*old) : std::string("its type");
        if (rewrites(table, change.rewrites) && size.has_rows())
            add("rewrite-type-change", table,
                fmt::format("changes {}.{} from {} to {}: rewrites {}{} and its indexes under "
                            "ACCESS EXCLUSIVE",
                            table, action.column, from, type_text(action.type), table, where(size)),
                size.known());
        if (change.narrows)
            add("narrow-type", table,
                fmt::format("narrows {}.{} from {} to {}: values that do not fit fail the "
                            "statement or are cut",
                            table, action.column, from, type_text(action.type)),
                false);
    }

    void set_not_null(const std::string& table, const std::string& column) {
        if (proven_not_null(table, column)) return;
        const TableSize size = size_of(table);
        if (!size.has_rows()) return;
        add("set-not-null-scan", table,
            fmt::format("SET NOT NULL on {}.{} reads every row of {}{} under ACCESS EXCLUSIVE",
                        table, column, table, where(size)),
            size.known());
    }

    void add_constraint(const std::string& table, const ConstraintFacts& c) {
        using C = ConstraintFacts::Kind;
        const TableSize size = size_of(table);
        const std::string name = c.name.empty() ? std::string("a constraint") : c.name;
        if (c.not_valid && !c.name.empty()) m_not_valid[c.name] = c;
        switch (c.kind) {
        case C::check:
            if (!c.not_valid) {
                if (!c.proves_not_null.empty()) m_proven[table].insert(c.proves_not_null);
                if (size.has_rows())
                    add("add-check-scan", table,
                        fmt::format("adds CHECK {} to {}: checks every row{} under ACCESS "
                                    "EXCLUSIVE",
                                    name, table, where(size)),
                        size.known());
            }
            break;
        case C::foreign_key:
            m_foreign_keys.push_back({m_current, table, c.columns, c.referred_table});
            if (!c.not_valid && size.has_rows())
                add("add-foreign-key-scan", table,
                    fmt::format("adds FOREIGN KEY {} on {} ({}) to {}: checks every row{} "
                                "holding SHARE ROW EXCLUSIVE on both tables",
                                name, table, fmt::join(c.columns, ", "), c.referred_table,
                                where(size)),
                    size.known());
            break;
        case C::unique:
        case C::primary_key:
            m_indexes[table].push_back(c.columns);
            if (!c.using_index && size.has_rows())
                add("add-unique-scan", table,
                    fmt::format("adds {} {} on {} ({}): builds its index over every row{} under "
                                "ACCESS EXCLUSIVE",
                                c.kind == C::unique ? "UNIQUE" : "PRIMARY KEY", name, table,
                                fmt::join(c.columns, ", "), where(size)),
                    size.known());
            break;
        case C::other:
            break;
        }
    }

    void validate(const std::string& table, const std::string& name) {
        const auto added = m_not_valid.find(name);
        if (added == m_not_valid.end()) return; // added in an earlier transaction: no lock held
        if (!added->second.proves_not_null.empty())
            m_proven[table].insert(added->second.proves_not_null);
        const TableSize size = size_of(table);
        if (!size.has_rows()) return;
        add("validate-in-same-transaction", table,
            fmt::format("validates {} in the transaction that added it NOT VALID: the add's lock "
                        "on {} is held through a scan of every row{}",
                        name, table, where(size)),
            size.known());
    }

    void create_index(const StatementFacts& s) {
        explain(s.table);
        if (!s.index.empty()) m_index_tables[s.index] = s.table;
        if (!existed(s.table)) m_created_indexes.insert(s.index);
        m_indexes[s.table].push_back(s.index_columns);
        if (s.concurrently) {
            concurrently_outside_transaction("CREATE INDEX CONCURRENTLY", s.table);
            // It blocks no one, but waits for every transaction older than it.
            m_waits_for_transactions = existed(s.table);
            return;
        }
        if (!existed(s.table)) return;
        take_lock();
        const TableSize size = size_of(s.table);
        if (!size.has_rows()) return;
        add("create-index-locks-writes", s.table,
            fmt::format("builds index {} on {}{} holding SHARE: every write to {} waits until "
                        "it is built",
                        s.index.empty() ? std::string("(unnamed)") : s.index, s.table, where(size),
                        s.table),
            size.known());
    }

    void drop_index(const StatementFacts& s) {
        for (const auto& index : s.indexes) {
            const std::string table = index_table(index);
            explain(table);
            if (s.concurrently) {
                concurrently_outside_transaction("DROP INDEX CONCURRENTLY", table);
                m_waits_for_transactions = true;
                continue;
            }
            if (m_created_indexes.count(index) || (!table.empty() && !existed(table))) continue;
            take_lock();
            const TableSize size = size_of(table);
            if (!size.has_rows()) continue;
            add("drop-index-locks-table", table,
                fmt::format("drops index {} holding ACCESS EXCLUSIVE on {}{}", index,
                            table.empty() ? std::string("its table") : table, where(size)),
                size.known());
        }
    }

    void concurrently_outside_transaction(const char* what, const std::string& table) {
        if (!m_in_transaction) return;
        add("concurrently-in-transaction", table,
            fmt::format("{} inside a transaction block: PostgreSQL refuses it and the revision "
                        "fails{}",
                        what,
                        m_transactional ? " (the revision is transactional)" : " (after BEGIN)"),
            false);
    }

    void drop_table(const StatementFacts& s) {
        for (const auto& table : s.tables) {
            explain(table);
            if (!existed(table)) {
                m_created.erase(table);
                continue;
            }
            take_lock();
            // Decided at the end: a table dropped and then replaced by a
            // renamed copy (a rebuild) keeps its data.
            m_dropped[table] = {m_current};
        }
    }

    void rename_table(const StatementFacts& s) {
        explain(s.table);
        explain(s.new_name);
        if (m_types.count(s.table)) m_types[s.new_name] = m_types[s.table];
        if (!existed(s.table)) {
            m_created.erase(s.table);
            move_table(s.table, s.new_name);
            const auto dropped = m_dropped.find(s.new_name);
            if (dropped != m_dropped.end()) {
                keep_new_foreign_keys(s.new_name);
                rebuilt(s.new_name, dropped->second.statement);
                m_dropped.erase(dropped);
            } else {
                m_created.insert(s.new_name);
            }
            return;
        }
        take_lock();
        add("rename-table", s.table,
            fmt::format("renames table {} to {}: code still using {} fails", s.table, s.new_name,
                        s.table),
            false);
    }

    // What the revision knows of a table it made, under its new name.
    void move_table(const std::string& from, const std::string& to) {
        if (const auto i = m_indexes.find(from); i != m_indexes.end()) {
            auto& moved = m_indexes[to];
            moved.insert(moved.end(), i->second.begin(), i->second.end());
            m_indexes.erase(from);
        }
        for (auto& fk : m_foreign_keys)
            if (fk.table == from) fk.table = to;
        for (auto& [index, table] : m_index_tables)
            if (table == from) table = to;
    }

    // A rebuilt table's copy declares the foreign keys the table had: only
    // those the model did not know before are new. Where the model does not
    // know the table (made by SQL), none can be told new.
    void keep_new_foreign_keys(const std::string& table) {
        const ops::TableModel* model = model_table(table);
        std::vector<PendingForeignKey> kept;
        for (auto& fk : m_foreign_keys) {
            const bool copied =
                fk.table == table && fk.statement < m_current &&
                (!model || std::any_of(model->foreign_keys.begin(), model->foreign_keys.end(),
                                       [&](const ops::ForeignKey& known) {
                                           return known.columns == fk.columns;
                                       }));
            if (!copied) kept.push_back(std::move(fk));
        }
        m_foreign_keys = std::move(kept);
    }

    // The copy's column types against the model's: a narrowing change made
    // by a rebuild is a narrowing change all the same.
    void narrowed_by_rebuild(const std::string& table, std::size_t dropped_at) {
        const ops::TableModel* model = model_table(table);
        const auto copy = m_types.find(table);
        if (!model || copy == m_types.end()) return;
        for (const auto& column : model->columns) {
            const auto now = copy->second.find(column.name);
            const auto before = type_facts_of(column.type);
            if (now == copy->second.end() || !before || !type_change(*before, now->second).narrows)
                continue;
            add("narrow-type", dropped_at, table,
                fmt::format("narrows {}.{} from {} to {}: values that do not fit are cut or "
                            "fail the copy",
                            table, column.name, type_text(*before), type_text(now->second)),
                false);
        }
    }

    // `table` dropped and replaced by a copy made in this revision: SQLite's
    // rebuild (fleet's for a YAML operation, or written by hand).
    void rebuilt(const std::string& table, std::size_t dropped_at) {
        narrowed_by_rebuild(table, dropped_at);
        const TableSize size = size_of(table);
        if (size.large())
            add("sqlite-rebuild-large-table", dropped_at, table,
                fmt::format("rebuilds {}{}: copies every row in one write transaction, needing "
                            "twice its size free on disk",
                            table, where(size)),
                size.known());
        bool referred_from_facts = false;
        if (referenced(table, referred_from_facts))
            add("sqlite-rebuild-referenced-table", dropped_at, table,
                fmt::format("rebuilds {}, which other tables' foreign keys point into: foreign "
                            "keys must be off for the run and every referring table is checked "
                            "after",
                            table),
                referred_from_facts);
    }

    void whole_table_write(const StatementFacts& s) {
        explain(s.table);
        if (s.has_where || !existed(s.table)) return;
        const TableSize size = size_of(s.table);
        if (!size.large()) return;
        add("whole-table-write", s.table,
            fmt::format("{} every row of {}{} in one transaction",
                        s.kind == Kind::update ? "updates" : "deletes", s.table, where(size)),
            size.known());
    }

    void maintenance(const StatementFacts& s) {
        explain(s.table);
        const std::string table = s.table.empty() ? std::string("every table") : s.table;
        if (!s.table.empty() && !existed(s.table)) return;
        take_lock();
        const TableSize size = size_of(s.table);
        if (!size.has_rows() || !rewrites(s.table, true)) return;
        add(s.kind == Kind::vacuum_full ? "vacuum-full" : "cluster", s.table,
            fmt::format("rewrites {}{} under ACCESS EXCLUSIVE", table, where(size)), size.known());
    }

    // ---- what the dry run saw ----------------------------------------------

    void match_trace(const RevisionTrace* trace) {
        m_traced.assign(m_revision.statements.size(), nullptr);
        if (!trace || !trace->traced) return;
        const auto& traced = trace->statements;
        if (traced.size() == m_revision.statements.size()) {
            for (std::size_t i = 0; i < traced.size(); ++i)
                m_traced[i] = &traced[i];
            return;
        }
        // The dry run stopped early (a statement failed) or ran others: each
        // statement matched by its line and text, in order.
        std::size_t next = 0;
        for (std::size_t i = 0; i < m_revision.statements.size(); ++i) {
            for (std::size_t k = next; k < traced.size(); ++k) {
                if (traced[k].line == m_revision.statements[i].line &&
                    util::trim(traced[k].sql) == util::trim(m_revision.statements[i].sql)) {
                    m_traced[i] = &traced[k];
                    next = k + 1;
                    break;
                }
            }
        }
    }

    // Whether the current statement rewrites `table`: the trace's word when
    // it ran the statement, else what the rules judged (`judged`).
    bool rewrites(const std::string& table, bool judged) const {
        const StatementTrace* traced = m_traced[m_current];
        if (!traced) return judged;
        return std::any_of(traced->rewritten.begin(), traced->rewritten.end(),
                           [&](const std::string& r) { return relation_table(r) == table; });
    }

    // Rewrites the trace saw that no statement the rules read explains (a
    // function, a DO block, SQL the parser refused).
    void trace_rewrites() {
        const StatementTrace* traced = m_traced[m_current];
        if (!traced || traced->rewritten.empty() || !m_explained.empty()) return;
        std::vector<std::string> tables;
        for (const auto& relation : traced->rewritten) {
            const std::string table = relation_table(relation);
            if (existed(table)) tables.push_back(table);
        }
        if (tables.empty()) return;
        const std::string& table = tables.front();
        const TableSize size = size_of(table);
        if (!size.has_rows()) return;
        add("table-rewrite", table,
            fmt::format("rewrites {}{} under ACCESS EXCLUSIVE (the dry run saw its storage "
                        "replaced)",
                        fmt::join(tables, ", "), where(size)),
            size.known());
    }

    void trace_locks() {
        const StatementTrace* traced = m_traced[m_current];
        if (!traced) return;
        for (const auto& lock : traced->locks)
            if (lock.existed_before && blocks_others(lock.mode) &&
                !m_created.count(relation_table(lock.relation)))
                take_lock();
    }

    // ---- rules on the locks a statement takes -------------------------------

    void lock_rules() {
        if (m_waits_for_transactions && !m_locks_taken) long_transactions(false);
        if (!m_locks_taken) return;
        if (!m_lock_timeout && !m_lock_timeout_reported) {
            m_lock_timeout_reported = true;
            const bool by_target = m_facts && !m_revision_set_lock_timeout;
            add("missing-lock-timeout", m_current, m_last_table,
                by_target ? fmt::format("takes a table lock with no lock_timeout (fleet's "
                                        "statement_lock_timeout is 0 for {}): behind a long "
                                        "transaction it waits, and every query on the table "
                                        "queues behind it",
                                        m_facts->target)
                          : std::string("takes a table lock after the revision turned "
                                        "lock_timeout off: behind a long transaction it waits, "
                                        "and every query on the table queues behind it"),
                by_target);
        }
        long_transactions(true);
    }

    // A transaction open on the target now: the current statement's lock
    // (`locks`), or CONCURRENTLY, which waits for every older transaction,
    // waits for it.
    void long_transactions(bool locks) {
        if (m_facts && !m_facts->open_transactions.empty() && !m_long_transaction_reported) {
            m_long_transaction_reported = true;
            const auto oldest = std::max_element(
                m_facts->open_transactions.begin(), m_facts->open_transactions.end(),
                [](const OpenTransaction& a, const OpenTransaction& b) { return a.age < b.age; });
            add("long-transaction-open", m_current, m_last_table,
                fmt::format("{} transaction{} open on {} now, the oldest for {}s (pid {}{}{}): {}",
                            m_facts->open_transactions.size(),
                            m_facts->open_transactions.size() == 1 ? "" : "s", m_facts->target,
                            oldest->age.count(), oldest->pid,
                            oldest->application.empty() ? "" : ", ", oldest->application,
                            locks ? "the revision's lock waits for it, and queries on the table "
                                    "queue behind the lock"
                                  : "CONCURRENTLY waits for every older transaction to end"),
                true);
        }
    }

    void take_lock() { m_locks_taken = true; }

    // ---- foreign keys and their indexes -------------------------------------

    void foreign_keys_without_index() {
        for (const auto& fk : m_foreign_keys) {
            if (fk.columns.empty() || indexed(fk.table, fk.columns)) continue;
            const TableSize size = size_of(fk.table);
            const bool by_target = m_facts && size.facts && !size.created;
            add("foreign-key-without-index", fk.statement, fk.table,
                fmt::format("foreign key {} ({}) to {} has no index leading with its columns: a "
                            "delete or key update in {} scans {}",
                            fk.table, fmt::join(fk.columns, ", "), fk.referred_table,
                            fk.referred_table, fk.table),
                by_target);
        }
    }

    // Whether an index's leading columns are `columns` (in any order).
    static bool leads_with(const std::vector<std::string>& index,
                           const std::vector<std::string>& columns) {
        if (index.size() < columns.size()) return false;
        std::vector<std::string> head(index.begin(),
                                      index.begin() + static_cast<long>(columns.size()));
        std::vector<std::string> wanted = columns;
        std::sort(head.begin(), head.end());
        std::sort(wanted.begin(), wanted.end());
        return head == wanted;
    }

    bool indexed(const std::string& table, const std::vector<std::string>& columns) const {
        auto any = [&](const std::vector<std::vector<std::string>>& indexes) {
            return std::any_of(indexes.begin(), indexes.end(),
                               [&](const auto& index) { return leads_with(index, columns); });
        };
        if (const auto made = m_indexes.find(table); made != m_indexes.end() && any(made->second))
            return true;
        if (const TableFacts* facts = table_facts(table); facts && any(facts->index_columns))
            return true;
        const ops::TableModel* model = model_table(table);
        if (!model) return false;
        std::vector<std::vector<std::string>> known;
        if (model->primary_key) known.push_back(model->primary_key->columns);
        for (const auto& unique : model->unique)
            known.push_back(unique.columns);
        for (const auto& index : model->indexes) {
            std::vector<std::string> names;
            for (const auto& part : index.columns) {
                if (part.column.empty()) break;
                names.push_back(part.column);
            }
            known.push_back(names);
        }
        return any(known);
    }

    // ---- what is known of tables --------------------------------------------

    // Whether `table` existed before the revision (so a target may hold rows
    // in it): any table the revision did not create.
    bool existed(const std::string& table) const { return !m_created.count(table); }

    void explain(const std::string& table) {
        m_explained.insert(table);
        if (!table.empty()) m_last_table = table;
    }

    const TableFacts* table_facts(const std::string& table) const {
        if (!m_facts || table.empty()) return nullptr;
        if (const auto found = m_facts->tables.find(table); found != m_facts->tables.end())
            return &found->second;
        // Facts may be keyed schema-qualified.
        for (const auto& [name, facts] : m_facts->tables)
            if (relation_table(name) == table) return &facts;
        return nullptr;
    }

    TableSize size_of(const std::string& table) const {
        return {!table.empty() && m_created.count(table) != 0, table_facts(table)};
    }

    int server_version() const { return m_facts ? m_facts->server_version : 0; }

    const ops::TableModel* model_table(const std::string& table) const {
        for (const auto* model : m_revision.before.tables())
            if (model->name == table) return model;
        return nullptr;
    }

    std::optional<TypeFacts> old_type(const std::string& table, const std::string& column) const {
        if (const auto t = m_types.find(table); t != m_types.end())
            if (const auto c = t->second.find(column); c != t->second.end()) return c->second;
        if (m_created.count(table)) return std::nullopt;
        const ops::TableModel* model = model_table(table);
        if (!model) return std::nullopt;
        const ops::Column* found = model->find_column(column);
        if (!found) return std::nullopt;
        return type_facts_of(found->type);
    }

    bool proven_not_null(const std::string& table, const std::string& column) const {
        // Before PostgreSQL 12, SET NOT NULL scans whatever proves it.
        if (server_version() > 0 && server_version() < k_pg12) return false;
        if (const auto p = m_proven.find(table); p != m_proven.end() && p->second.count(column))
            return true;
        if (const TableFacts* facts = table_facts(table)) {
            const auto& proven = facts->not_null_proven;
            if (std::find(proven.begin(), proven.end(), column) != proven.end()) return true;
        }
        if (const ops::TableModel* model = model_table(table)) {
            for (const auto& check : model->checks) {
                const auto facts =
                    read_statements("ALTER TABLE t ADD CHECK (" + check.condition + ")");
                if (facts.size() == 1 && facts[0].actions.size() == 1 &&
                    facts[0].actions[0].constraint.proves_not_null == column)
                    return true;
            }
        }
        return false;
    }

    // Whether other tables' foreign keys point into `table`; `by_facts` says
    // the target's catalog told.
    bool referenced(const std::string& table, bool& by_facts) const {
        if (const TableFacts* facts = table_facts(table);
            facts && facts->referenced_by_foreign_keys) {
            by_facts = true;
            return true;
        }
        for (const auto* model : m_revision.before.tables())
            for (const auto& fk : model->foreign_keys)
                if (fk.referred_table == table && model->name != table) return true;
        return std::any_of(m_foreign_keys.begin(), m_foreign_keys.end(),
                           [&](const PendingForeignKey& fk) {
                               return fk.referred_table == table && fk.table != table &&
                                      fk.table.rfind("_fleet_rebuild_", 0) != 0;
                           });
    }

    std::string index_table(const std::string& index) const {
        if (const auto found = m_index_tables.find(index); found != m_index_tables.end())
            return found->second;
        for (const auto* model : m_revision.before.tables())
            for (const auto& i : model->indexes)
                if (i.name == index) return model->name;
        return {};
    }

    // ", 12.4M rows, 3.1 GB, on production/t-acme" when the target's size
    // of `size` is known; else a note that the table may hold rows.
    std::string where(const TableSize& size) const {
        if (!size.known()) return " (a table that may hold rows on a target)";
        std::string out = ", " + rows_text(size.facts->rows);
        if (size.facts->bytes >= 0) out += ", " + bytes_text(size.facts->bytes);
        return out + ", on " + m_facts->target;
    }

    static std::string type_text(const TypeFacts& type) {
        std::string text = type.name;
        if (!type.modifiers.empty()) text += fmt::format("({})", fmt::join(type.modifiers, ","));
        return type.array ? text + "[]" : text;
    }

    // ---- findings ------------------------------------------------------------

    void add(std::string_view rule_id, const std::string& table, std::string what, bool by_target) {
        add(rule_id, m_current, table, std::move(what), by_target);
    }

    void add(std::string_view rule_id, std::size_t statement, const std::string& table,
             std::string what, bool by_target) {
        const Rule& rule = lint::rule(rule_id);
        const bool applies = m_revision.dialect == "sqlite" ? rule.sqlite : rule.postgresql;
        if (!applies) return;
        const LintStatement& s = m_revision.statements[statement];
        Finding f;
        f.rule = std::string(rule.id);
        f.severity = rule.severity;
        f.revision = m_revision.id;
        f.file = m_revision.file;
        f.line = s.line;
        f.statement = util::one_line(s.sql);
        f.what = std::move(what);
        f.safe = std::string(rule.safe);
        f.table = table;
        if (by_target && m_facts) {
            f.target = m_facts->target;
            if (const TableFacts* facts = table_facts(table)) {
                f.rows = facts->rows;
                f.bytes = facts->bytes;
            }
        }
        m_findings.push_back(std::move(f));
    }

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

} // namespace

RevisionToLint revision_to_lint(const script::ScriptDirectory& scripts, const std::string& id,
                                const ops::Dialect& dialect, runtime::SchemaReplay& replay) {
    const script::Script* script = scripts.find(id);
    if (!script) throw RevisionError(fmt::format("no script for revision {}", id));
    check_waivers(script->waivers, script->path);
    RevisionToLint revision;
    revision.id = id;
    revision.file = script->path;
    revision.transactional = script->transactional;
    revision.dialect = std::string(dialect.name());
    revision.statements = revision_statements(scripts, id, dialect, replay);
    revision.before = replay.before(id);
    revision.waivers = script->waivers;
    return revision;
}

std::vector<Finding> lint_revision(const RevisionToLint& revision, const RevisionTrace* trace,
                                   const TargetFacts* facts) {
    check_waivers(revision.waivers, revision.file);
    return RevisionLinter(revision, trace, facts).run();
}

} // namespace fleet::engine::lint
