#include "orchestrator/migrate_command.hpp"

#include "engine/command/command.hpp"
#include "engine/command/half_done.hpp"
#include "engine/command/project.hpp"
#include "engine/command/target_plan.hpp"
#include "engine/error.hpp"
#include "engine/url/redact.hpp"
#include "orchestrator/cancel_on_request.hpp"
#include "orchestrator/lint_command.hpp"
#include "orchestrator/logging/log.hpp"
#include "orchestrator/metrics/metrics_file.hpp"
#include "orchestrator/metrics/rollout_metrics.hpp"
#include "orchestrator/notify/notifier.hpp"
#include "orchestrator/project_cache.hpp"
#include "orchestrator/rollout/progress_fanout.hpp"
#include "orchestrator/rollout/progress_log.hpp"
#include "orchestrator/rollout/progress_terminal.hpp"
#include "orchestrator/rollout/report_text.hpp"
#include "orchestrator/rollout/rollout_json.hpp"
#include "orchestrator/rollout/rollout_junit.hpp"
#include "orchestrator/rollout/scheduler.hpp"
#include "orchestrator/target_resolver.hpp"

#include <atomic>
#include <chrono>
#include <fmt/format.h>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

namespace fleet::orchestrator {

namespace {

using rollout::TargetOutcome;
using rollout::TargetState;

// The engine command the request names, on one target.
void migrate_one(const engine::command::Target& target, const engine::command::Project& project,
                 const MigrateRequest& request, std::ostream& out) {
    switch (request.kind) {
    case MigrateRequest::Kind::upgrade:
        engine::command::upgrade(target, project, request.revisions.at(0), request.sql, out);
        break;
    case MigrateRequest::Kind::downgrade:
        engine::command::downgrade(target, project, request.revisions.at(0), request.sql, out);
        break;
    case MigrateRequest::Kind::stamp:
        engine::command::stamp(target, project, request.revisions, request.sql, request.purge, out);
        break;
    case MigrateRequest::Kind::retry:
    case MigrateRequest::Kind::mark_done: {
        std::optional<std::string> revision;
        if (!request.revisions.empty()) revision = request.revisions.front();
        if (request.kind == MigrateRequest::Kind::retry) {
            engine::command::retry(target, project, revision, out);
        } else {
            engine::command::mark_done(target, project, revision, out);
        }
        break;
    }
    }
}

// Every script directory the targets use, loaded once before the first
// target is touched (a bad file stops the rollout before it starts rather
// than failing in every target; a thousand targets sharing one folder share
// one Project across the worker threads), and the destination checked
// against each: an identifier no target could reach (unknown, ambiguous,
// `head` with several heads) is bad input for the whole rollout, exit 2
// before the canary, not a canary failure that halts it.
ProjectCache load_projects(const std::vector<inventory::TargetSpec>& targets,
                           const MigrateRequest& request) {
    ProjectCache projects;
    for (const auto& target : targets)
        projects.load(target.settings.script_location);
    // A stamp names revisions outright; retry and mark-done name the step
    // each target has half-done, which only its database knows.
    if (request.kind != MigrateRequest::Kind::upgrade &&
        request.kind != MigrateRequest::Kind::downgrade)
        return projects;
    engine::command::PlanRequest plan;
    plan.revision = request.revisions.at(0);
    plan.direction = request.kind == MigrateRequest::Kind::upgrade
                         ? engine::command::PlanDirection::upgrade
                         : engine::command::PlanDirection::downgrade;
    for (const auto& [location, project] : projects.all())
        engine::command::check_plan_revision(*project, plan);
    return projects;
}

Needs needs_of(const MigrateRequest& request) {
    return request.sql ? Needs::scripts_only : Needs::changes;
}

// Log lines from several targets at once, through the one logger: whole
// lines, each naming its target ("INFO  [fleet] dev/app: Running upgrade ...").
class TargetLog {
  public:
    explicit TargetLog(bool verbose) : m_verbose(verbose) {}
    using Print =
        std::function<void(const std::string& event, const std::string& line, logging::Fields)>;
    Print for_target(const std::string& name) const {
        if (!m_verbose) return {};
        return [name](const std::string& event, const std::string& line, logging::Fields fields) {
            logging::write({.event = event,
                            .target = name,
                            .message = line,
                            .text = "INFO  [fleet] " + name + ": " + line,
                            .fields = std::move(fields)});
        };
    }

  private:
    bool m_verbose;
};

// The facts of an error, as fields; the statement masked like the message.
rollout::ErrorInfo error_info(const Error& error) {
    rollout::ErrorInfo info;
    info.kind = "error";
    if (const auto* failed = dynamic_cast<const MigrationError*>(&error)) {
        info.kind = "migration";
        info.revision = failed->revision();
        info.statement = engine::url::mask_passwords(failed->statement());
    } else if (dynamic_cast<const ConnectionError*>(&error)) {
        info.kind = "connection";
    } else if (const auto* input = dynamic_cast<const InputError*>(&error)) {
        info.kind = "input";
        info.file = input->file();
        info.line = input->line();
    } else if (dynamic_cast<const Interrupted*>(&error)) {
        info.kind = "interrupted";
    } else if (dynamic_cast<const HalfDoneError*>(&error)) {
        info.kind = "half_done";
    } else if (dynamic_cast<const RevisionError*>(&error)) {
        info.kind = "revision";
    } else if (dynamic_cast<const DatabaseError*>(&error)) {
        info.kind = "database";
    }
    if (const auto* database = dynamic_cast<const DatabaseError*>(&error))
        info.sqlstate = database->sqlstate();
    return info;
}

// A step event's fields for the JSON log.
logging::Fields event_fields(const engine::runtime::StepEvent& event) {
    logging::Fields fields{{"kind", std::string(engine::runtime::to_string(event.kind))},
                           {"revision", event.revision},
                           {"direction", event.direction},
                           {"step", std::int64_t{event.number}}};
    if (event.kind == engine::runtime::StepEvent::Kind::retrying) {
        fields.emplace_back("attempt", std::int64_t{event.attempt});
        fields.emplace_back("retries", std::int64_t{event.retries});
        fields.emplace_back("delay_ms", std::int64_t{event.delay.count()});
    }
    return fields;
}

// The progress display: the live line on a terminal (text format only), or
// one log record per event through the logger.
std::unique_ptr<rollout::Progress> make_progress(rollout::TerminalProgress*& terminal) {
    terminal = nullptr;
    if (logging::format() == logging::Format::text && rollout::stderr_is_terminal()) {
        auto live = std::make_unique<rollout::TerminalProgress>(std::cerr);
        terminal = live.get();
        return live;
    }
    return std::make_unique<rollout::LogProgress>(
        [](const logging::LogRecord& record) { logging::write(record); });
}

// The outcome lines and the summary, on stdout: what a script or a person
// reads after the progress on stderr.
void print_report(const rollout::RolloutReport& report, bool verbose) {
    rollout::write_report_text(report, verbose, std::cout);
}

// The command's name, as typed.
const char* command_name(MigrateRequest::Kind kind) {
    switch (kind) {
    case MigrateRequest::Kind::upgrade:
        return "upgrade";
    case MigrateRequest::Kind::downgrade:
        return "downgrade";
    case MigrateRequest::Kind::stamp:
        return "stamp";
    case MigrateRequest::Kind::retry:
        return "retry";
    case MigrateRequest::Kind::mark_done:
        return "mark-done";
    }
    return "upgrade";
}

// --format json: the report as a document (rollout/rollout_json.hpp), the
// one --only-failed reads back and `fleet report merge` joins; --format
// junit: the same as JUnit XML (rollout/rollout_junit.hpp).
void print_report_document(const rollout::RolloutReport& report, const GlobalOptions& options,
                           const MigrateRequest& request, OutputFormat format) {
    rollout::RolloutDocument document;
    document.command = command_name(request.kind);
    for (const auto& revision : request.revisions)
        document.revision += (document.revision.empty() ? "" : " ") + revision;
    if (!options.shard.empty()) document.shard = options.shard;
    document.run = logging::run_id();
    document.report = report;
    if (format == OutputFormat::junit)
        rollout::write_rollout_junit(document, std::cout);
    else
        rollout::write_rollout_json(document, std::cout);
}

// --sql over several targets: each target's script in turn, under a comment
// naming it, so a DBA can split the output.
int print_offline(const Selected& selected, const MigrateRequest& request) {
    auto projects = load_projects(selected.targets, request);
    for (const auto& chosen : selected.targets) {
        std::cout << "-- fleet target: " << chosen.full_name() << "\n\n";
        migrate_one(command_target(chosen, Needs::scripts_only),
                    projects.of(chosen.settings.script_location), request, std::cout);
    }
    return 0;
}

// The safety check before an upgrade touches any target: what it would
// apply, on every selected target (an offline --sql run applies nothing).
void check_before_changes(const Selected& selected, const ProjectCache& projects,
                          const MigrateRequest& request) {
    if (request.kind != MigrateRequest::Kind::upgrade || request.sql) return;
    lint_gate(list_targets(selected, Needs::database), projects, request.revisions.at(0),
              request.allow_hazards, "upgrade", std::cerr);
}

// The notify: entries of the selected targets (null when none has any).
std::unique_ptr<notify::Notifier> make_notifier(const Selected& selected,
                                                const GlobalOptions& options,
                                                const MigrateRequest& request) {
    return notify::make_notifier(selected.targets,
                                 {command_name(request.kind),
                                  fmt::format("{}", fmt::join(request.revisions, " ")),
                                  logging::run_id()},
                                 options.verbose);
}

// One database run as Alembic runs it, its notify: entries told what a
// rollout of that one target would tell them: started, failed, finished.
// The run's own error is rethrown unchanged.
void run_told(rollout::Progress& notifier, const inventory::TargetSpec& chosen,
              const std::function<void()>& run) {
    auto tell = [](auto&& event) {
        try {
            event();
        } catch (...) {
            // A notification never fails the run (INTERFACE.md, Operations).
        }
    };
    tell([&] { notifier.rollout_started(rollout::plan_rollout({chosen})); });
    tell([&] { notifier.target_started(chosen); });
    TargetOutcome outcome;
    outcome.target = chosen.full_name();
    const auto started = std::chrono::steady_clock::now();
    auto finish = [&] {
        outcome.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        rollout::RolloutReport report;
        report.outcomes = {outcome};
        tell([&] { notifier.target_finished(chosen, outcome); });
        tell([&] { notifier.rollout_finished(report); });
    };
    try {
        run();
    } catch (const Error& error) {
        const bool interrupted = dynamic_cast<const Interrupted*>(&error) != nullptr;
        outcome.state = interrupted ? TargetState::cancelled : TargetState::failed;
        outcome.message = engine::url::mask_passwords(error.what());
        outcome.error = error_info(error);
        finish();
        throw;
    }
    outcome.state = TargetState::done;
    finish();
}

} // namespace

int run_migrate_command(const GlobalOptions& options, const MigrateRequest& request) {
    auto selected = select_targets(options, needs_of(request));
    const auto format =
        parse_output_format(options, command_name(request.kind),
                            {OutputFormat::table, OutputFormat::json, OutputFormat::junit});
    if (format != OutputFormat::table && request.sql)
        throw UsageError(
            fmt::format("--format {} and --sql: offline SQL is text only", to_string(format)));
    if (!options.metrics_file.empty()) {
        if (request.sql) throw UsageError("--metrics-file and --sql: offline SQL changes nothing");
        metrics::check_metrics_path(options.metrics_file);
    }
    // With --format json or junit, --only-failed or --metrics-file even one
    // target (or none) is run as a rollout, so a script reads one shape
    // whatever the selection.
    const bool as_rollout = format != OutputFormat::table || !options.only_failed.empty() ||
                            !options.metrics_file.empty();
    if (selected.targets.size() <= 1 && !as_rollout) {
        // One database: exactly what Alembic users expect, errors and all.
        auto target = resolve_target(selected, needs_of(request));
        ProjectCache projects;
        const auto& project = projects.load(target.script_location);
        if (!selected.targets.empty()) check_before_changes(selected, projects, request);
        auto notifier = selected.targets.empty() || request.sql
                            ? nullptr
                            : make_notifier(selected, options, request);
        if (!notifier) {
            migrate_one(target, project, request, std::cout);
            return 0;
        }
        run_told(*notifier, selected.targets.front(),
                 [&] { migrate_one(target, project, request, std::cout); });
        return 0;
    }
    if (request.sql) return print_offline(selected, request);

    auto projects = load_projects(selected.targets, request);
    check_before_changes(selected, projects, request);
    TargetLog log(options.verbose);
    rollout::WorkFunction work = [&](const inventory::TargetSpec& chosen,
                                     const rollout::StopToken& stop) {
        auto target = command_target(chosen, Needs::changes);
        target.connect = cancel_on_request(std::move(target.connect), stop.cancel_token());
        std::atomic<int> steps{0};
        auto print = log.for_target(chosen.full_name());
        // A step counts once it committed: one rolled back (a failed
        // whole-run transaction, a lock-timeout retry) did not stay.
        target.settings.on_event = [&steps, print](const engine::runtime::StepEvent& event) {
            if (event.kind == engine::runtime::StepEvent::Kind::committed) ++steps;
            if (!print) return;
            if (auto line = engine::runtime::log_line(event); !line.empty())
                print("step_" + std::string(engine::runtime::to_string(event.kind)), line,
                      event_fields(event));
        };
        if (print) {
            target.settings.on_statement = [print](const std::string& sql) {
                print("statement", "SQL: " + sql, {});
            };
        }
        // Ctrl-C: a target running one transaction per revision stops after
        // the revision in progress; one whole-run transaction finishes.
        target.settings.stop_requested = [stop] { return stop.stop_requested(); };
        TargetOutcome outcome;
        std::ostringstream unused; // a live run prints nothing on stdout
        try {
            migrate_one(target, projects.of(chosen.settings.script_location), request, unused);
            outcome.state = TargetState::done;
        } catch (const Interrupted& error) {
            outcome.state = TargetState::cancelled;
            outcome.message = error.what();
            outcome.error = error_info(error);
        } catch (const Error& error) {
            outcome.state = TargetState::failed;
            outcome.message = engine::url::mask_passwords(error.what());
            outcome.error = error_info(error);
        }
        outcome.steps_run = steps;
        return outcome;
    };
    rollout::RolloutOptions rollout_options;
    rollout_options.continue_on_error = request.continue_on_error;
    rollout::TerminalProgress* terminal = nullptr;
    auto display = make_progress(terminal);
    // The notify: entries hear the events without the rollout waiting on
    // them; leaving this scope waits for what is still being sent, briefly.
    auto notifier = make_notifier(selected, options, request);
    // Everyone told about the rollout's events, the display first.
    std::unique_ptr<metrics::RolloutMetricsWriter> metrics_writer;
    if (!options.metrics_file.empty())
        metrics_writer = std::make_unique<metrics::RolloutMetricsWriter>(
            options.metrics_file, command_name(request.kind),
            options.shard.empty() ? std::nullopt : std::optional(options.shard));
    rollout::ProgressFanOut observers({display.get(), notifier.get(), metrics_writer.get()});
    rollout_options.progress = &observers;
    // On a terminal, log lines from the workers are printed above the live
    // line, which is then redrawn, instead of cutting through it.
    std::optional<logging::RouteThrough> route;
    if (terminal) route.emplace([terminal](const std::string& line) { terminal->print_log(line); });
    auto report = rollout::run_rollout(selected.targets, work, rollout_options);
    route.reset();
    if (format != OutputFormat::table) {
        print_report_document(report, options, request, format);
    } else {
        print_report(report, options.verbose);
    }
    return static_cast<int>(report.exit_code());
}

} // namespace fleet::orchestrator
