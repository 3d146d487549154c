#include "engine/lint/revision_linter.hpp"

#include "engine/lint/type_change.hpp"

#include <fmt/format.h>

#include <algorithm>

// What each kind of statement does to the tables it names, and the rules
// that follow from it.
namespace fleet::engine::lint {

namespace {

using Kind = StatementFacts::Kind;
using Action = AlterAction::Kind;

} // namespace

void RevisionLinter::statement(const StatementFacts& s) {
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
    case Kind::reindex:
        reindex(s);
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

void RevisionLinter::create_table(const StatementFacts& s) {
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
void RevisionLinter::constraint_made(const std::string& table, const ConstraintFacts& c) {
    using C = ConstraintFacts::Kind;
    if (c.kind == C::unique || c.kind == C::primary_key) m_indexes[table].push_back(c.columns);
    if (c.kind == C::foreign_key)
        m_foreign_keys.push_back({m_current, table, c.columns, c.referred_table});
    if (c.kind == C::check && !c.proves_not_null.empty()) m_proven[table].insert(c.proves_not_null);
}

void RevisionLinter::alter_table(const StatementFacts& s) {
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
        case Action::set_tablespace:
            set_tablespace(s.table, action.column);
            break;
        default:
            break;
        }
    }
}

void RevisionLinter::add_column(const std::string& table, const ColumnFacts& column) {
    m_types[table][column.name] = column.type;
    const TableSize size = size_of(table);
    if (column.not_null && column.default_kind == DefaultKind::none && size.has_rows())
        add("add-not-null-without-default", table,
            fmt::format("adds {}.{} NOT NULL with no default: PostgreSQL refuses it on {}{}, "
                        "whose rows would hold null",
                        table, column.name, table, where(size)),
            size.known());
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

void RevisionLinter::alter_type(const std::string& table, const AlterAction& action) {
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

void RevisionLinter::set_not_null(const std::string& table, const std::string& column) {
    if (proven_not_null(table, column)) return;
    const TableSize size = size_of(table);
    if (!size.has_rows()) return;
    add("set-not-null-scan", table,
        fmt::format("SET NOT NULL on {}.{} reads every row of {}{} under ACCESS EXCLUSIVE", table,
                    column, table, where(size)),
        size.known());
}

void RevisionLinter::add_constraint(const std::string& table, const ConstraintFacts& c) {
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
                            name, table, fmt::join(c.columns, ", "), c.referred_table, where(size)),
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

void RevisionLinter::validate(const std::string& table, const std::string& name) {
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

void RevisionLinter::create_index(const StatementFacts& s) {
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

void RevisionLinter::drop_index(const StatementFacts& s) {
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

// Copies the files, whatever they hold: the trace (which would see new
// storage) adds nothing the statement does not say.
void RevisionLinter::set_tablespace(const std::string& table, const std::string& tablespace) {
    const TableSize size = size_of(table);
    if (!size.has_rows()) return;
    add("set-tablespace", table,
        fmt::format("moves {}{} to tablespace {}: copies its files under ACCESS EXCLUSIVE", table,
                    where(size), tablespace),
        size.known());
}

void RevisionLinter::reindex(const StatementFacts& s) {
    const std::string table = s.table.empty() ? index_table(s.index) : s.table;
    explain(table);
    if (s.concurrently) {
        concurrently_outside_transaction("REINDEX CONCURRENTLY", table);
        m_waits_for_transactions = table.empty() || existed(table);
        return;
    }
    if (!s.index.empty() && m_created_indexes.count(s.index)) return;
    if (!table.empty() && !existed(table)) return;
    take_lock();
    const TableSize size = size_of(table);
    if (!size.has_rows()) return;
    const std::string what = !s.index.empty()   ? "index " + s.index
                             : !s.table.empty() ? "every index of " + s.table
                                                : std::string("every index of every table");
    add("reindex-locks-writes", table,
        fmt::format("rebuilds {}{} holding SHARE on {}: every write waits until it is done", what,
                    where(size), table.empty() ? std::string("its tables") : table),
        size.known());
}

void RevisionLinter::concurrently_outside_transaction(const char* what, const std::string& table) {
    if (!m_in_transaction) return;
    add("concurrently-in-transaction", table,
        fmt::format("{} inside a transaction block: PostgreSQL refuses it and the revision "
                    "fails{}",
                    what, m_transactional ? " (the revision is transactional)" : " (after BEGIN)"),
        false);
}

void RevisionLinter::drop_table(const StatementFacts& s) {
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

void RevisionLinter::rename_table(const StatementFacts& s) {
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
void RevisionLinter::move_table(const std::string& from, const std::string& to) {
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
void RevisionLinter::keep_new_foreign_keys(const std::string& table) {
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
void RevisionLinter::narrowed_by_rebuild(const std::string& table, std::size_t dropped_at) {
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
void RevisionLinter::rebuilt(const std::string& table, std::size_t dropped_at) {
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

void RevisionLinter::whole_table_write(const StatementFacts& s) {
    explain(s.table);
    if (s.has_where || !existed(s.table)) return;
    const TableSize size = size_of(s.table);
    if (!size.large()) return;
    add("whole-table-write", s.table,
        fmt::format("{} every row of {}{} in one transaction",
                    s.kind == Kind::update ? "updates" : "deletes", s.table, where(size)),
        size.known());
}

void RevisionLinter::maintenance(const StatementFacts& s) {
    explain(s.table);
    const std::string table = s.table.empty() ? std::string("every table") : s.table;
    if (!s.table.empty() && !existed(s.table)) return;
    take_lock();
    const TableSize size = size_of(s.table);
    if (!size.has_rows() || !rewrites(s.table, true)) return;
    add(s.kind == Kind::vacuum_full ? "vacuum-full" : "cluster", s.table,
        fmt::format("rewrites {}{} under ACCESS EXCLUSIVE", table, where(size)), size.known());
}

} // namespace fleet::engine::lint
