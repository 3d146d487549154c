#include "engine/lint/revision_linter.hpp"

#include "engine/lint/size_text.hpp"
#include "engine/lint/type_change.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

// What is known of a table (created here, its size on the target, its old
// column types, indexes, proofs) and what the dry run saw.
namespace fleet::engine::lint {

void RevisionLinter::match_trace(const RevisionTrace* trace) {
    m_traced.assign(m_revision.statements.size(), nullptr);
    if (!trace || !trace->traced) return;
    const auto& traced = trace->statements;
    if (traced.size() == m_revision.statements.size()) {
        for (std::size_t i = 0; i < traced.size(); ++i)
            if (traced[i].traced) m_traced[i] = &traced[i];
        return;
    }
    // The dry run stopped early (a statement failed) or ran others: each
    // statement matched by its line and text, in order.
    std::size_t next = 0;
    for (std::size_t i = 0; i < m_revision.statements.size(); ++i) {
        for (std::size_t k = next; k < traced.size(); ++k) {
            if (traced[k].traced && traced[k].line == m_revision.statements[i].line &&
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
bool RevisionLinter::rewrites(const std::string& table, bool judged) const {
    const StatementTrace* traced = m_traced[m_current];
    if (!traced) return judged;
    return std::any_of(traced->rewritten.begin(), traced->rewritten.end(),
                       [&](const std::string& r) { return relation_table(r) == table; });
}

// Rewrites the trace saw that no statement the rules read explains (a
// function, a DO block, SQL the parser refused).
void RevisionLinter::trace_rewrites() {
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

void RevisionLinter::trace_locks() {
    const StatementTrace* traced = m_traced[m_current];
    if (!traced) return;
    for (const auto& lock : traced->locks)
        if (lock.existed_before && blocks_others(lock.mode) &&
            !m_created.count(relation_table(lock.relation)))
            take_lock();
}

void RevisionLinter::explain(const std::string& table) {
    m_explained.insert(table);
    if (!table.empty()) m_last_table = table;
}

const TableFacts* RevisionLinter::table_facts(const std::string& table) const {
    if (!m_facts || table.empty()) return nullptr;
    if (const auto found = m_facts->tables.find(table); found != m_facts->tables.end())
        return &found->second;
    // Facts may be keyed schema-qualified.
    for (const auto& [name, facts] : m_facts->tables)
        if (relation_table(name) == table) return &facts;
    return nullptr;
}

TableSize RevisionLinter::size_of(const std::string& table) const {
    const TableFacts* facts = table_facts(table);
    // A target whose facts were read has every table the pending revisions
    // touch that exists there now; one it lacks is made by an earlier
    // revision of the same run, and is as new as one made by this one.
    const bool absent = m_facts && !table.empty() && !facts;
    return {!table.empty() && (m_created.count(table) != 0 || absent), facts};
}

const ops::TableModel* RevisionLinter::model_table(const std::string& table) const {
    for (const auto* model : m_revision.before.tables())
        if (model->name == table) return model;
    return nullptr;
}

std::optional<TypeFacts> RevisionLinter::old_type(const std::string& table,
                                                  const std::string& column) const {
    if (const auto t = m_types.find(table); t != m_types.end())
        if (const auto c = t->second.find(column); c != t->second.end()) return c->second;
    if (m_created.count(table)) return std::nullopt;
    const ops::TableModel* model = model_table(table);
    if (!model) return std::nullopt;
    const ops::Column* found = model->find_column(column);
    if (!found) return std::nullopt;
    return type_facts_of(found->type);
}

bool RevisionLinter::proven_not_null(const std::string& table, const std::string& column) const {
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
            const auto facts = read_statements("ALTER TABLE t ADD CHECK (" + check.condition + ")");
            if (facts.size() == 1 && facts[0].actions.size() == 1 &&
                facts[0].actions[0].constraint.proves_not_null == column)
                return true;
        }
    }
    return false;
}

// Whether other tables' foreign keys point into `table`; `by_facts` says
// the target's catalog told.
bool RevisionLinter::referenced(const std::string& table, bool& by_facts) const {
    if (const TableFacts* facts = table_facts(table); facts && facts->referenced_by_foreign_keys) {
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

std::string RevisionLinter::index_table(const std::string& index) const {
    if (const auto found = m_index_tables.find(index); found != m_index_tables.end())
        return found->second;
    for (const auto* model : m_revision.before.tables())
        for (const auto& i : model->indexes)
            if (i.name == index) return model->name;
    return {};
}

// ", 12.4M rows, 3.1 GB, on production/t-acme" when the target's size
// of `size` is known; else a note that the table may hold rows.
std::string RevisionLinter::where(const TableSize& size) const {
    if (!size.known()) return " (a table that may hold rows on a target)";
    std::string out = ", " + rows_text(size.facts->rows);
    if (size.facts->bytes >= 0) out += ", " + bytes_text(size.facts->bytes);
    return out + ", on " + m_facts->target;
}

std::string RevisionLinter::type_text(const TypeFacts& type) {
    std::string text = type.name;
    if (!type.modifiers.empty()) text += fmt::format("({})", fmt::join(type.modifiers, ","));
    return type.array ? text + "[]" : text;
}

} // namespace fleet::engine::lint
