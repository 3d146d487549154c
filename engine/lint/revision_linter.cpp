#include "engine/lint/revision_linter.hpp"

#include "engine/lint/rules.hpp"
#include "engine/lint/size_text.hpp"
#include "engine/lint/waivers.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

// The walk over a revision's statements, the rules on the locks they take,
// foreign keys without an index, and how a finding is made.
namespace fleet::engine::lint {

RevisionLinter::RevisionLinter(const RevisionToLint& revision, const RevisionTrace* trace,
                               const TargetFacts* facts)
    : m_revision(revision), m_facts(facts) {
    m_transactional = revision.transactional &&
                      std::none_of(revision.statements.begin(), revision.statements.end(),
                                   [](const LintStatement& s) { return s.outside_transaction; });
    m_in_transaction = m_transactional;
    // fleet sets its statement_lock_timeout (5s unless the inventory
    // says otherwise) on every target: without facts it is in force.
    m_lock_timeout = !facts || facts->statement_lock_timeout.count() > 0;
    match_trace(trace);
}

std::vector<Finding> RevisionLinter::run() {
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

void RevisionLinter::lock_rules() {
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
void RevisionLinter::long_transactions(bool locks) {
    if (m_facts && !m_facts->open_transactions.empty() && !m_long_transaction_reported) {
        m_long_transaction_reported = true;
        const auto oldest = std::max_element(
            m_facts->open_transactions.begin(), m_facts->open_transactions.end(),
            [](const OpenTransaction& a, const OpenTransaction& b) { return a.age < b.age; });
        // One holding a lock on a table the revision touches is the one its
        // lock queues behind first, however young.
        const auto holder =
            std::find_if(m_facts->open_transactions.begin(), m_facts->open_transactions.end(),
                         [](const OpenTransaction& open) { return !open.holding.empty(); });
        const std::string holds = holder == m_facts->open_transactions.end()
                                      ? std::string()
                                      : fmt::format("; pid {} holds a lock on {}", holder->pid,
                                                    fmt::join(holder->holding, ", "));
        add("long-transaction-open", m_current, m_last_table,
            fmt::format("{} transaction{} open on {} now, the oldest for {}s (pid {}{}{}){}: {}",
                        m_facts->open_transactions.size(),
                        m_facts->open_transactions.size() == 1 ? "" : "s", m_facts->target,
                        oldest->age.count(), oldest->pid, oldest->application.empty() ? "" : ", ",
                        oldest->application, holds,
                        locks ? "the revision's lock waits for it, and queries on the table "
                                "queue behind the lock"
                              : "CONCURRENTLY waits for every older transaction to end"),
            true);
    }
}

void RevisionLinter::foreign_keys_without_index() {
    for (const auto& fk : m_foreign_keys) {
        if (fk.columns.empty() || indexed(fk.table, fk.columns)) continue;
        const TableSize size = size_of(fk.table);
        const bool by_target = m_facts && size.facts && !size.created;
        add("foreign-key-without-index", fk.statement, fk.table,
            fmt::format("foreign key {} ({}) to {} has no index leading with its columns: a "
                        "delete or key update in {} scans {}",
                        fk.table, fmt::join(fk.columns, ", "), fk.referred_table, fk.referred_table,
                        fk.table),
            by_target);
    }
}

// Whether an index's leading columns are `columns` (in any order).
bool RevisionLinter::leads_with(const std::vector<std::string>& index,
                                const std::vector<std::string>& columns) {
    if (index.size() < columns.size()) return false;
    std::vector<std::string> head(index.begin(), index.begin() + static_cast<long>(columns.size()));
    std::vector<std::string> wanted = columns;
    std::sort(head.begin(), head.end());
    std::sort(wanted.begin(), wanted.end());
    return head == wanted;
}

bool RevisionLinter::indexed(const std::string& table,
                             const std::vector<std::string>& columns) const {
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

namespace {

// The rules whose harm is a lock held while the whole table is scanned,
// rewritten or indexed: how long depends on the table's size.
bool lasts_as_long_as_the_table(std::string_view id) {
    static constexpr std::array<std::string_view, 14> k_ids{"rewrite-type-change",
                                                            "rewrite-volatile-default",
                                                            "rewrite-constant-default",
                                                            "vacuum-full",
                                                            "cluster",
                                                            "table-rewrite",
                                                            "set-not-null-scan",
                                                            "add-check-scan",
                                                            "add-foreign-key-scan",
                                                            "add-unique-scan",
                                                            "create-index-locks-writes",
                                                            "reindex-locks-writes",
                                                            "set-tablespace",
                                                            "validate-in-same-transaction"};
    return std::find(k_ids.begin(), k_ids.end(), id) != k_ids.end();
}

} // namespace

void RevisionLinter::add(std::string_view rule_id, const std::string& table, std::string what,
                         bool by_target) {
    add(rule_id, m_current, table, std::move(what), by_target);
}

void RevisionLinter::add(std::string_view rule_id, std::size_t statement, const std::string& table,
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
    const TableFacts* facts = m_facts ? table_facts(table) : nullptr;
    // Its size on disk bounds the work when the row count is not known (a
    // table never analysed): a small table makes an error a warning, and
    // that is a fact of this target.
    const bool small =
        facts && facts->bytes >= 0 && facts->bytes < k_small_bytes && facts->rows < k_small_rows;
    const bool briefly =
        f.severity == Severity::error && lasts_as_long_as_the_table(rule.id) && small;
    if ((by_target || briefly) && m_facts) {
        f.target = m_facts->target;
        if (facts) {
            f.rows = facts->rows;
            f.bytes = facts->bytes;
        }
    }
    if (briefly) {
        f.severity = Severity::warning;
        f.what +=
            fmt::format(" (a warning here: at {} the lock is held briefly)",
                        f.rows >= 0 ? fmt::format("{}, {}", rows_text(f.rows), bytes_text(f.bytes))
                                    : bytes_text(f.bytes));
    }
    m_findings.push_back(std::move(f));
}

} // namespace fleet::engine::lint
