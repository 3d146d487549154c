#include "engine/runtime/migration_context.hpp"

#include "engine/error.hpp"
#include "engine/runtime/head_maintainer.hpp"
#include "engine/runtime/lock_retry.hpp"
#include "engine/util/time.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <random>

namespace fleet::engine::runtime {

namespace {

std::string random_run_id() {
    std::random_device device;
    std::mt19937_64 generator(device());
    return fmt::format("{:016x}{:016x}", generator(), generator());
}

using Clock = std::chrono::steady_clock;

long long elapsed_ms(Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

// Whether a rendered step asks for foreign key enforcement off (a SQLite
// table rebuild).
bool needs_foreign_keys_off(const std::vector<RenderedStep>& rendered) {
    for (const auto& step : rendered) {
        for (const auto& statement : step.statements)
            if (statement.foreign_keys_off) return true;
    }
    return false;
}

} // namespace

// Opens a transaction on the sink when the dialect can roll back DDL, and
// rolls it back if it is still open when an exception leaves the scope.
class MigrationContext::Transaction {
  public:
    explicit Transaction(SqlSink& sink) : m_sink(sink) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() {
        if (!m_open) return;
        try {
            m_sink.rollback();
        } catch (...) {
            // The error that unwound us is the one to report.
        }
    }
    void begin() {
        if (m_open || !m_sink.dialect().capabilities().transactional_ddl) return;
        m_sink.begin();
        m_open = true;
    }
    void commit() {
        if (!m_open) return;
        m_open = false;
        m_sink.commit();
    }

  private:
    SqlSink& m_sink;
    bool m_open = false;
};

MigrationContext::MigrationContext(SqlSink& sink, const script::ScriptDirectory& scripts,
                                   RunSettings settings)
    : m_sink(sink), m_scripts(scripts), m_settings(std::move(settings)),
      m_version_table(m_settings.version_table, m_settings.version_table_schema),
      m_history(m_settings.version_table_schema) {
    if (m_settings.run_id.empty()) m_settings.run_id = random_run_id();
}

std::vector<std::string> MigrationContext::current_heads() {
    return m_version_table.read_heads(m_sink.connection());
}

SqlTime MigrationContext::now() const {
    // Offline scripts run later, so the database stamps its own time then.
    if (m_sink.offline()) return {"CURRENT_TIMESTAMP"};
    return {m_sink.dialect().quote_literal(util::utc_timestamp_ms())};
}

void MigrationContext::render_steps(const std::vector<MigrationStep>& steps) {
    const auto& capabilities =
        m_sink.offline() ? m_sink.dialect().capabilities() : m_sink.connection().capabilities();
    auto rendered =
        StepRenderer(m_scripts, m_sink.dialect(), capabilities, m_sink.offline()).render(steps);
    // A live SQLite rebuild also puts back what the replayed model cannot
    // see (views, triggers, indexes made by SQL): rendered again with the
    // target's catalog, read only when some step rebuilds.
    const auto& compiler = m_sink.dialect().compiler();
    if (!m_sink.offline() && needs_foreign_keys_off(rendered) &&
        !compiler.catalog_query().empty()) {
        std::vector<std::vector<std::string>> catalog;
        for (const auto& row : m_sink.connection().query(compiler.catalog_query())) {
            std::vector<std::string> values;
            for (const auto& value : row)
                values.push_back(value.value_or(""));
            catalog.push_back(std::move(values));
        }
        rendered =
            StepRenderer(m_scripts, m_sink.dialect(), capabilities, false, &catalog).render(steps);
    }
    m_foreign_keys_off = needs_foreign_keys_off(rendered);
    m_rendered.clear();
    for (std::size_t i = 0; i < steps.size(); ++i)
        m_rendered.emplace(&steps[i], std::move(rendered[i]));
}

bool MigrationContext::outside_transaction(const MigrationStep& step) const {
    if (step.is_stamp()) return false;
    const auto* script = m_scripts.find(step.revision()->id);
    if (script && !script->transactional) return true;
    const auto rendered = m_rendered.find(&step);
    return rendered != m_rendered.end() && rendered->second.outside_transaction;
}

void MigrationContext::prepare_tables(const TableSetup& setup) {
    if (m_sink.offline()) {
        // Offline, the database cannot be asked; a script starting from base
        // creates the version table, as `alembic upgrade --sql` does.
        if (setup.heads_empty && !m_settings.offline_version_table_exists)
            m_version_table.create(m_sink);
    } else if (!m_version_table.exists(m_sink.connection())) {
        m_version_table.create(m_sink);
    }
    if (setup.purge) m_version_table.purge(m_sink);
    m_history.create(m_sink);
}

void MigrationContext::run_statements(const MigrationStep& step) {
    if (step.is_stamp()) return;
    // Rendered by render_steps before the run began.
    for (const auto& statement : m_rendered.at(&step).statements) {
        try {
            if (m_settings.on_statement && !m_sink.offline())
                m_settings.on_statement(statement.sql);
            m_sink.execute(statement.sql);
        } catch (const DatabaseError& error) {
            throw MigrationError(step.revision()->id, statement.sql, error.what(),
                                 error.sqlstate());
        }
    }
}

void MigrationContext::apply(const VersionChange& change) {
    switch (change.kind) {
    case VersionChange::Kind::insert:
        m_version_table.insert(m_sink, change.to);
        break;
    case VersionChange::Kind::remove:
        m_version_table.remove(m_sink, change.from);
        break;
    case VersionChange::Kind::update:
        m_version_table.update(m_sink, change.from, change.to);
        break;
    }
}

namespace {

HistoryStep history_step(const MigrationStep& step, const script::Script* script,
                         const std::string& run_id, int number) {
    return {run_id, number, history_revision(step),
            step.is_stamp() ? "stamp" : (step.is_upgrade() ? "upgrade" : "downgrade"),
            script ? script->checksum() : std::string{}};
}

// Sets the session's statement lock timeout for one run, and takes it off
// again afterwards (the connection may serve other work later).
class StatementLockBound {
  public:
    StatementLockBound(SqlSink& sink, std::chrono::milliseconds timeout) {
        if (sink.offline() || timeout.count() <= 0) return;
        if (sink.connection().set_statement_lock_timeout(timeout))
            m_connection = &sink.connection();
    }
    ~StatementLockBound() {
        if (!m_connection) return;
        try {
            m_connection->set_statement_lock_timeout(std::chrono::milliseconds(0));
        } catch (...) {
            // The run's own outcome is what matters; the session ends soon.
        }
    }
    StatementLockBound(const StatementLockBound&) = delete;
    StatementLockBound& operator=(const StatementLockBound&) = delete;

  private:
    Connection* m_connection = nullptr;
};

// Switches the target's foreign key enforcement off for a run that rebuilds
// a table (it must be off before the first transaction: SQLite ignores the
// switch inside one) and back on afterwards, however the run ends. Offline,
// the script switches it off only: the session that runs it decides.
class ForeignKeysOff {
  public:
    ForeignKeysOff(SqlSink& sink, bool needed) {
        if (!needed) return;
        const auto& compiler = sink.dialect().compiler();
        if (compiler.foreign_keys_statement(false).empty()) return;
        if (!sink.offline()) {
            const auto rows = sink.connection().query(compiler.foreign_keys_query());
            if (rows.empty() || rows.front().empty() || rows.front().front() != "1") return;
            m_sink = &sink;
        }
        sink.execute(compiler.foreign_keys_statement(false));
    }
    ~ForeignKeysOff() {
        if (!m_sink) return;
        try {
            if (m_sink->connection().in_transaction()) m_sink->connection().rollback();
            m_sink->execute(m_sink->dialect().compiler().foreign_keys_statement(true));
        } catch (...) {
            // The run's own outcome is what matters; the session ends soon.
        }
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

  private:
    SqlSink* m_sink = nullptr;
};

} // namespace

bool MigrationContext::retryable(const DatabaseError& error) const {
    return !m_sink.offline() && m_sink.dialect().capabilities().transactional_ddl &&
           m_sink.connection().is_lock_timeout(error);
}

void MigrationContext::run_in_transaction(const MigrationStep& step, Progress& progress) {
    const auto* script = step.is_stamp() ? nullptr : m_scripts.find(step.revision()->id);
    auto history = history_step(step, script, m_settings.run_id, ++progress.number);
    emit(step_event(StepEvent::Kind::started, step, progress.number));
    const auto started_at = now();
    const auto started = Clock::now();
    m_sink.comment("Running " + step.short_log());
    run_statements(step);
    for (const auto& change : progress.maintainer.update_to_step(step))
        apply(change);
    m_history.record_done(m_sink, history, started_at, now(),
                          m_sink.offline() ? std::nullopt : std::optional(elapsed_ms(started)));
}

void MigrationContext::run_outside_transaction(const MigrationStep& step, Progress& progress) {
    // Outside any transaction: mark the step as running where a crash cannot
    // erase the mark, then run it.
    const auto* script = m_scripts.find(step.revision()->id);
    auto history = history_step(step, script, m_settings.run_id, ++progress.number);
    const int number = progress.number;
    emit(step_event(StepEvent::Kind::started, step, number));
    const auto started_at = now();
    const auto started = Clock::now();
    m_sink.comment("Running " + step.short_log());
    try {
        m_history.record_started(m_sink, history, started_at);
    } catch (...) {
        emit(step_event(StepEvent::Kind::rolled_back, step, number)); // nothing of it ran
        throw;
    }
    try {
        try {
            run_statements(step);
        } catch (const MigrationError& error) {
            if (m_sink.offline()) throw;
            try {
                m_history.record_finished(m_sink, history, "failed", now(), elapsed_ms(started));
            } catch (const DatabaseError& history_error) {
                // The connection may be gone with the statement: the error
                // naming revision and statement is the one to report; the
                // history row stays "started", which marks the step half-done
                // all the same.
                throw error.with_note(
                    fmt::format("\n  (its fleet_history row could not be marked failed: {})",
                                history_error.what()));
            }
            throw;
        }
        Transaction bookkeeping(m_sink);
        bookkeeping.begin();
        for (const auto& change : progress.maintainer.update_to_step(step))
            apply(change);
        m_history.record_finished(m_sink, history, "done", now(),
                                  m_sink.offline() ? std::nullopt
                                                   : std::optional(elapsed_ms(started)));
        commit_unit(bookkeeping, &step);
    } catch (...) {
        emit(step_event(StepEvent::Kind::failed, step, number));
        throw;
    }
    emit(step_event(StepEvent::Kind::committed, step, number));
}

void MigrationContext::commit_unit(Transaction& transaction, const MigrationStep* last) {
    try {
        transaction.commit();
    } catch (const MigrationError&) {
        throw;
    } catch (const DatabaseError& error) {
        // A refused COMMIT (a disk that fills as the data is written out, a
        // deferred constraint) undoes the whole unit; the user must learn
        // which revision's unit it was, as for a failed statement.
        if (!last) throw;
        throw MigrationError(history_revision(*last), "COMMIT", error.what(), error.sqlstate());
    }
}

void MigrationContext::emit(const StepEvent& event) const {
    if (m_settings.on_event) m_settings.on_event(event);
}

void MigrationContext::emit(StepEvent::Kind kind, const std::vector<MigrationStep>& steps,
                            std::size_t from, int first_number, int last_number) const {
    // Steps of a unit are numbered in order from first_number.
    for (int number = first_number; number <= last_number; ++number) {
        emit(step_event(kind, steps[from + static_cast<std::size_t>(number - first_number)],
                        number));
    }
}

void MigrationContext::run_unit(const std::vector<MigrationStep>& steps, const Unit& unit,
                                Progress& progress) {
    LockRetry retry(m_settings.lock_retries, m_settings.lock_retry_delay,
                    m_settings.stop_requested);
    while (true) {
        Progress saved = progress;
        const int first = saved.number + 1;
        try {
            Transaction transaction(m_sink);
            transaction.begin();
            if (unit.prepare) prepare_tables(*unit.prepare);
            for (std::size_t i = unit.from; i < unit.to; ++i)
                run_in_transaction(steps[i], progress);
            // An offline script that ends at base leaves no version table
            // behind, as Alembic's does.
            if (unit.finish && m_sink.offline() && progress.maintainer.heads().empty()) {
                m_version_table.drop(m_sink);
            }
            commit_unit(transaction, unit.to > unit.from ? &steps[unit.to - 1] : nullptr);
            emit(StepEvent::Kind::committed, steps, unit.from, first, progress.number);
            return;
        } catch (const DatabaseError& error) {
            // The transaction rolled back as it unwound: nothing of the steps
            // started in it stayed.
            emit(StepEvent::Kind::rolled_back, steps, unit.from, first, progress.number);
            const int last_started = progress.number;
            progress = saved;
            if (!retryable(error)) throw;
            const auto* failed = dynamic_cast<const MigrationError*>(&error);
            if (retry.exhausted()) {
                if (failed) throw failed->with_note(retry.exhausted_note());
                throw;
            }
            StepEvent event;
            if (last_started >= first) {
                event =
                    step_event(StepEvent::Kind::retrying,
                               steps[unit.from + static_cast<std::size_t>(last_started - first)],
                               last_started);
            }
            event.kind = StepEvent::Kind::retrying;
            event.attempt = retry.attempt() + 1;
            event.retries = retry.retries();
            event.delay = retry.delay();
            event.reason = error.what();
            emit(event);
            if (!retry.wait()) {
                throw Interrupted(
                    fmt::format("stopped after {} of {} step(s): a stop was requested while "
                                "waiting to retry a lock timeout",
                                unit.from, steps.size()));
            }
        } catch (...) {
            emit(StepEvent::Kind::rolled_back, steps, unit.from, first, progress.number);
            throw;
        }
    }
}

void MigrationContext::run(const std::vector<MigrationStep>& steps, std::vector<std::string> heads,
                           bool purge) {
    render_steps(steps);
    if (purge) heads.clear();
    ForeignKeysOff foreign_keys(m_sink, m_foreign_keys_off);
    StatementLockBound bound(m_sink, m_settings.statement_lock_timeout);
    const bool per_migration = m_settings.transaction_per_migration;
    const bool heads_empty = heads.empty();
    Progress progress{HeadMaintainer(heads), 0};

    // The run as units of work, each one transaction (retried as a whole on a
    // lock timeout): per revision, or everything between non-transactional
    // revisions. The first unit prepares the tables, inside the run's
    // transaction; with a transaction per revision they are made up front.
    const TableSetup setup{heads_empty, purge};
    if (per_migration) prepare_tables(setup);
    bool prepare = !per_migration;
    std::size_t next = 0;
    // Between units only: a unit is all-or-nothing, so stopping there leaves
    // the version table true and a re-run continues from it.
    auto check_stop = [&] {
        if (next == 0 || next >= steps.size() || !m_settings.stop_requested) return;
        if (m_settings.stop_requested())
            throw Interrupted(fmt::format("stopped after {} of {} step(s): a stop was requested",
                                          next, steps.size()));
    };
    while (true) {
        check_stop();
        if (next < steps.size() && outside_transaction(steps[next])) {
            if (prepare) run_unit(steps, Unit{next, next, setup, false}, progress);
            prepare = false;
            run_outside_transaction(steps[next], progress);
            ++next;
            continue;
        }
        std::size_t end = next;
        while (end < steps.size() && !outside_transaction(steps[end]) &&
               (!per_migration || end == next)) {
            ++end;
        }
        const bool last = end == steps.size();
        // Nothing left after a non-transactional revision: no empty
        // transaction, unless an offline script ending at base still has to
        // drop its version table in one.
        const bool nothing = end == next && !prepare &&
                             !(last && m_sink.offline() && progress.maintainer.heads().empty());
        if ((!per_migration || end > next) && !nothing) {
            run_unit(steps,
                     Unit{next, end, prepare ? std::optional(setup) : std::nullopt,
                          last && !per_migration},
                     progress);
        }
        prepare = false;
        next = end;
        if (last) break;
    }
    if (per_migration && m_sink.offline() && progress.maintainer.heads().empty()) {
        m_version_table.drop(m_sink);
    }
}

void MigrationContext::mark_done(const MigrationStep& step, const std::vector<std::string>& heads) {
    Progress progress{HeadMaintainer(heads), 0};
    const auto* script = step.is_stamp() ? nullptr : m_scripts.find(step.revision()->id);
    auto history = history_step(step, script, m_settings.run_id, ++progress.number);
    emit(step_event(StepEvent::Kind::marked_done, step, progress.number));
    Transaction transaction(m_sink);
    transaction.begin();
    for (const auto& change : progress.maintainer.update_to_step(step))
        apply(change);
    m_history.record_marked_done(m_sink, history, now());
    commit_unit(transaction, &step);
    emit(step_event(StepEvent::Kind::committed, step, progress.number));
}

} // namespace fleet::engine::runtime
