#include "orchestrator/lint/dry_run.hpp"

#include "engine/command/command.hpp"
#include "engine/error.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "engine/url/redact.hpp"
#include "engine/util/duration.hpp"
#include "engine/util/text.hpp"
#include "orchestrator/autogen/scratch_database.hpp"
#include "orchestrator/lint/statement_deadline.hpp"
#include "orchestrator/lint/statement_effects.hpp"
#include "plugins/driver_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <new>
#include <optional>
#include <set>
#include <sstream>

namespace fleet::orchestrator::lint {

namespace {

using engine::lint::LintStatement;
using engine::lint::RevisionTrace;
using engine::runtime::Connection;

// The deadline of a statement comes this long after the server's own
// statement_timeout, which should end it first.
constexpr std::chrono::milliseconds k_deadline_margin{5'000};

std::string reason(const std::exception& error) {
    return engine::url::mask_passwords(engine::util::one_line(error.what()));
}

// A statement listed in the trace without having run.
engine::lint::StatementTrace not_run(const LintStatement& statement) {
    engine::lint::StatementTrace trace;
    trace.line = statement.line;
    trace.sql = statement.sql;
    trace.traced = false;
    return trace;
}

// The session can no longer be used (lost, or cancelled by the deadline):
// the dry run ends here, for this revision and every later one.
class SessionLost : public Error {
  public:
    explicit SessionLost(const std::string& message) : Error(message, ExitCode::failed) {}
};

// Opens connections to the scratch database with the dry run's bounds: the
// server's statement bounds set at once, and an answer timeout behind them.
class ScratchConnector {
  public:
    ScratchConnector(engine::url::DatabaseUrl url, const SessionProbe& probe, SessionBounds bounds)
        : m_url(std::move(url)), m_probe(probe), m_bounds(bounds) {
        m_options.application_name = "fleet lint (dry run)";
        m_options.answer_timeout = bounds.statement_timeout + k_deadline_margin;
    }

    std::unique_ptr<Connection> operator()() const {
        auto connection = plugins::connect(m_url, m_options);
        m_probe.bound(*connection, m_bounds);
        return connection;
    }

  private:
    engine::url::DatabaseUrl m_url;
    const SessionProbe& m_probe;
    SessionBounds m_bounds;
    plugins::ConnectOptions m_options;
};

class DryRun {
  public:
    DryRun(const engine::command::Project& project, const DryRunOptions& options,
           const SessionProbe& probe, const engine::url::DatabaseUrl& scratch)
        : m_project(project), m_options(options), m_probe(probe),
          m_target(autogen::scratch_target(scratch, project.scripts().location(),
                                           options.version_table)) {
        const ScratchConnector connect(scratch, probe, options.bounds);
        m_target.connect = connect;
        m_target.settings.statement_lock_timeout = options.bounds.lock_timeout;
        // A lock wait on fleet's own scratch database is nobody's traffic:
        // waiting again would not end it.
        m_target.settings.lock_retries = 0;
        m_session = connect();
    }

    void run(const PendingRevision& pending, RevisionTrace& trace) {
        const auto* revision = m_project.map().find(pending.id);
        if (!revision) {
            trace.why_not = fmt::format("revision {} is not in the script directory", pending.id);
            m_missing[pending.id] = trace.why_not;
            return;
        }
        for (const auto& parent : revision->all_down_revisions()) {
            if (auto why = bring(parent)) {
                trace.why_not = "the revisions before it are not on the scratch database: " + *why;
                m_missing[pending.id] = fmt::format("revision {} was not traced", pending.id);
                return;
            }
        }
        trace_statements(pending, trace);
        if (!trace.failed.empty()) {
            m_missing[pending.id] = fmt::format("revision {} fails at line {}: {}", pending.id,
                                                trace.failed_line, trace.failed);
            return;
        }
        apply(pending, trace);
    }

  private:
    // Makes sure revision `id` is on the scratch database; why not, if not.
    std::optional<std::string> bring(const std::string& id) {
        if (m_applied.count(id)) return std::nullopt;
        if (auto missing = m_missing.find(id); missing != m_missing.end()) return missing->second;
        try {
            std::ostringstream quiet;
            engine::command::upgrade(m_target, m_project, id, false, quiet);
            m_applied.insert(id);
            return std::nullopt;
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const std::exception& error) {
            m_missing[id] = fmt::format("revision {} did not apply: {}", id, reason(error));
            return m_missing[id];
        }
    }

    // Whether the engine runs revision `id` outside a transaction, each
    // statement on its own: `transactional: false`, or a statement that
    // must (CREATE INDEX CONCURRENTLY rendered from YAML).
    bool runs_outside_transaction(const PendingRevision& pending) const {
        const auto* script = m_project.scripts().find(pending.id);
        if (script && !script->transactional) return true;
        return std::any_of(
            pending.statements.begin(), pending.statements.end(),
            [](const LintStatement& statement) { return statement.outside_transaction; });
    }

    void trace_statements(const PendingRevision& pending, RevisionTrace& trace) {
        const bool outside = runs_outside_transaction(pending);
        m_probe.begin(*m_session);
        trace.traced = true;
        try {
            const SessionView at_start = m_probe.look(*m_session);
            SessionView before = at_start;
            const LintStatement* skipped = nullptr; // the first not run
            for (const auto& statement : pending.statements) {
                Outcome outcome = Outcome::refused;
                if (!statement.outside_transaction)
                    outcome = execute(statement, outside, skipped, trace);
                if (outcome == Outcome::stop) break;
                if (outcome == Outcome::refused) {
                    trace.statements.push_back(not_run(statement));
                    if (!skipped) skipped = &statement;
                    continue;
                }
                SessionView after = m_probe.look(*m_session);
                trace.statements.push_back(statement_effects(statement, at_start, before, after));
                if (after.transaction != at_start.transaction) {
                    trace.why_not = fmt::format(
                        "line {} ends the dry run's transaction (a COMMIT or ROLLBACK in the "
                        "revision): the statements after it are not traced",
                        statement.line);
                    break;
                }
                before = std::move(after);
            }
        } catch (const SessionLost&) {
            throw;
        } catch (const ConnectionError& error) {
            throw SessionLost("lost the scratch database: " + reason(error));
        }
        try {
            m_session->rollback();
        } catch (const std::exception& error) {
            throw SessionLost("lost the scratch database: " + reason(error));
        }
    }

    enum class Outcome {
        ran,     // traced
        refused, // it cannot run in a transaction, and the revision runs outside one
        stop,    // it failed, or stopped: the trace ends here (trace says why)
    };

    // Runs one statement. `outside`: the revision runs outside a
    // transaction, so a statement refusing to run inside one is no failure:
    // each such statement runs behind a savepoint, which takes it back.
    Outcome execute(const LintStatement& statement, bool outside, const LintStatement* skipped,
                    RevisionTrace& trace) {
        if (outside) m_session->execute("SAVEPOINT fleet_dry_run");
        StatementDeadline deadline(*m_session, m_options.bounds.statement_timeout +
                                                   (m_probe.server_stops_statements
                                                        ? k_deadline_margin
                                                        : std::chrono::milliseconds(0)));
        try {
            m_session->execute(statement.sql);
            return Outcome::ran;
        } catch (const ConnectionError&) {
            throw;
        } catch (const DatabaseError& error) {
            const std::string message = engine::url::mask_passwords(error.what());
            if (deadline.expired())
                throw SessionLost(
                    fmt::format("line {} ran longer than the dry run waits ({}), and was stopped",
                                statement.line,
                                engine::util::format_duration(m_options.bounds.statement_timeout)));
            if (outside && m_probe.refused_in_transaction(error)) {
                m_session->execute("ROLLBACK TO SAVEPOINT fleet_dry_run");
                return Outcome::refused;
            }
            trace.statements.push_back(not_run(statement));
            if (m_probe.stopped_by_bounds(error)) {
                trace.why_not = fmt::format(
                    "line {} did not finish within the dry run's bounds (lock_timeout {}, "
                    "statement_timeout {}): {}",
                    statement.line, engine::util::format_duration(m_options.bounds.lock_timeout),
                    engine::util::format_duration(m_options.bounds.statement_timeout),
                    engine::util::one_line(message));
            } else if (skipped) {
                // It may need what the statement not run would have made.
                trace.why_not = fmt::format(
                    "line {} failed after line {}, which the dry run cannot run (it must run "
                    "outside a transaction): {}",
                    statement.line, skipped->line, engine::util::one_line(message));
            } else {
                trace.statements.pop_back();
                trace.failed = engine::util::one_line(message);
                trace.failed_line = statement.line;
            }
            return Outcome::stop;
        }
    }

    // Applies the revision for real, so the next revision's dry run starts
    // from it. A statement the dry run could not run that fails here is the
    // revision failing.
    void apply(const PendingRevision& pending, RevisionTrace& trace) {
        try {
            std::ostringstream quiet;
            engine::command::upgrade(m_target, m_project, pending.id, false, quiet);
            m_applied.insert(pending.id);
            return;
        } catch (const std::bad_alloc&) {
            throw;
        } catch (const MigrationError& error) {
            m_missing[pending.id] =
                fmt::format("revision {} did not apply: {}", pending.id, reason(error));
            for (const auto& statement : trace.statements) {
                if (!statement.traced && statement.sql == error.statement() &&
                    trace.why_not.empty()) {
                    trace.failed =
                        engine::url::mask_passwords(engine::util::one_line(error.server_message()));
                    trace.failed_line = statement.line;
                    break;
                }
            }
        } catch (const std::exception& error) {
            m_missing[pending.id] =
                fmt::format("revision {} did not apply: {}", pending.id, reason(error));
        }
    }

    const engine::command::Project& m_project;
    const DryRunOptions& m_options;
    const SessionProbe& m_probe;
    engine::command::Target m_target; // the engine's way to the scratch database
    std::unique_ptr<Connection> m_session;
    std::set<std::string> m_applied;              // revisions known on the scratch database
    std::map<std::string, std::string> m_missing; // revisions that cannot be: why
};

} // namespace

std::vector<RevisionTrace> dry_run(const engine::command::Project& project,
                                   const std::vector<PendingRevision>& revisions,
                                   const DryRunOptions& options) {
    std::vector<RevisionTrace> traces(revisions.size());
    for (std::size_t i = 0; i < revisions.size(); ++i)
        traces[i].revision = revisions[i].id;
    std::size_t next = 0; // the revision being traced; those after it wait
    bool started = false; // the scratch database is there
    try {
        const SessionProbe* probe = session_probe(options.dialect);
        if (!probe)
            throw UsageError(fmt::format("fleet cannot dry-run {} revisions", options.dialect));
        engine::url::DatabaseUrl like;
        like.scheme = options.dialect;
        if (plugins::dialect_for(like).capabilities().server_databases && options.dev_url.empty())
            throw UsageError(fmt::format(
                "no dry run on {}: set dev_url (in fleet.yaml, or --dev-url), a server where "
                "fleet may create and drop scratch databases",
                options.dialect));
        autogen::ScratchDatabase scratch(like, options.dev_url, "lint");
        DryRun run(project, options, *probe, scratch.url());
        started = true;
        for (; next < revisions.size(); ++next)
            run.run(revisions[next], traces[next]);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& error) {
        // The scratch database could not be made, or was lost: nothing from
        // here on is traced.
        const std::string why = reason(error);
        for (std::size_t i = next; i < traces.size(); ++i) {
            if (!traces[i].why_not.empty()) continue;
            traces[i].why_not = !started || i == next
                                    ? why
                                    : fmt::format("the dry run stopped at revision {}: {}",
                                                  traces[next].revision, why);
        }
    }
    return traces;
}

std::vector<std::string> upgrade_order(const engine::command::Project& project,
                                       const std::set<std::string>& ids) {
    std::vector<std::string> ordered;
    for (const auto& step : engine::runtime::plan_upgrade(project.map(), "heads", {})) {
        if (step.revision() && ids.count(step.revision()->id))
            ordered.push_back(step.revision()->id);
    }
    return ordered;
}

} // namespace fleet::orchestrator::lint
