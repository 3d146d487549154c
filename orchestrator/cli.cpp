#include "orchestrator/cli.hpp"

#include "engine/command/command.hpp"
#include "engine/error.hpp"
#include "engine/url/redact.hpp"
#include "inventory/shard.hpp"
#include "orchestrator/alembic_import/import_command.hpp"
#include "orchestrator/audit_command.hpp"
#include "orchestrator/autogen/autogen_command.hpp"
#include "orchestrator/cli_options.hpp"
#include "orchestrator/complete_command.hpp"
#include "orchestrator/diff_command.hpp"
#include "orchestrator/lint_command.hpp"
#include "orchestrator/locks_command.hpp"
#include "orchestrator/logging/log.hpp"
#include "orchestrator/migrate_command.hpp"
#include "orchestrator/plan_command.hpp"
#include "orchestrator/report_merge_command.hpp"
#include "orchestrator/status_command.hpp"
#include "orchestrator/target_resolver.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace fleet::orchestrator {

namespace {

namespace command = engine::command;

// Options of the individual commands; one struct so handlers stay one-liners.
struct CommandOptions {
    std::string revision;
    std::vector<std::string> revisions;
    std::string directory;
    bool sql = false;
    bool purge = false;
    bool check_heads = false;
    std::string range;
    bool indicate_current = false;
    bool resolve_dependencies = false;
    command::NewRevision new_revision;
    bool autogenerate = false;
    autogen::AutogenOptions autogen;
    bool continue_on_error = false;
    std::vector<std::string> allow_hazards;
    int exit_code = 0; // set by commands whose outcome is not all-or-nothing (rollouts)
    LintCommandOptions lint;
    StatusCommandOptions status;
    PlanCommandOptions plan;
    AuditCommandOptions audit;
    DiffCommandOptions diff;
    alembic_import::ImportOptions import_options;
    ReportMergeOptions report_merge;
};

void add_global_options(CLI::App& app, GlobalOptions& g) {
    app.add_option("-c,--config", g.config, "inventory file (default $FLEET_CONFIG, ./fleet.yaml)");
    app.add_option("-n,--name", g.names, "environment, database or ENV/DATABASE; globs allowed");
    app.add_option("--env", g.envs, "environment to work on (repeatable)");
    app.add_option("--url", g.url,
                   "database URL when there is no inventory (default $DATABASE_URL)");
    app.add_option("--script-location", g.script_location,
                   "script directory when there is no inventory (default ./migrations)");
    app.add_option("--format", g.format,
                   "output: table|json, junit for rollouts, check and lint, sarif|github for "
                   "lint; for `revision`: sql|yaml");
    app.add_option(
        "--shard", g.shard,
        "keep the K-th of N stable slices of the targets: K/N, or auto (from "
        "$JOB_COMPLETION_INDEX or $CI_NODE_INDEX, $FLEET_SHARD_TOTAL or $CI_NODE_TOTAL)");
    app.add_flag("-v,--verbose", g.verbose, "more detail");
    app.add_option("--log-format", g.log_format,
                   "log lines on stderr: text|json (one JSON object per line)");
    app.add_option("--only-failed", g.only_failed,
                   "only the targets this rollout report (--format json) shows failed or "
                   "cancelled");
    app.add_option("--metrics-file", g.metrics_file,
                   "write Prometheus' text format here after a rollout, status or audit "
                   "(node_exporter's textfile collector)");
}

std::string format_for_revision(const GlobalOptions& g) {
    if (g.format.empty()) return "sql";
    if (g.format != "sql" && g.format != "yaml")
        throw UsageError(fmt::format("--format for a revision is sql or yaml, not '{}'", g.format));
    return g.format;
}

// The single-target reports print Alembic's text; their JSON form comes with
// the fleet reporters. Until then --format json is refused, never ignored.
void require_table_format(const GlobalOptions& g, const char* command) {
    if (g.format.empty() || g.format == "table") return;
    throw UsageError(
        fmt::format("--format {} is not supported by `{}` yet (table only)", g.format, command));
}

// --metrics-file stands with the global options (it may follow the command),
// but only these commands write one: elsewhere it is refused, never ignored.
void check_metrics_file(const GlobalOptions& g, const std::string& command) {
    static const std::set<std::string> k_writers{"upgrade",   "downgrade", "stamp", "retry",
                                                 "mark-done", "status",    "audit"};
    if (g.metrics_file.empty() || k_writers.contains(command)) return;
    throw UsageError(fmt::format("--metrics-file is written by upgrade, downgrade, stamp, retry, "
                                 "mark-done, status and audit, not by `{}`",
                                 command));
}

// --from and --dev-url: what autogenerate and check compare with, and where
// they may make scratch databases.
void add_autogen_options(CLI::App& command, autogen::AutogenOptions& options) {
    command.add_option("--from", options.from,
                       "the declared schema: .sql or .yaml files (a file or folder) or a database "
                       "URL (default: fleet.yaml's desired_schema)");
    command.add_option("--dev-url", options.dev_url,
                       "a server where fleet may create and drop scratch databases (default: "
                       "fleet.yaml's dev_url)");
}

using Handler = std::function<void(const GlobalOptions&, CommandOptions&)>;

// The commands, each with its own options, registered on app.
std::map<CLI::App*, Handler> add_commands(CLI::App& app, CommandOptions& o) {
    std::map<CLI::App*, Handler> handlers;
    auto add = [&](const char* name, const char* help, Handler handler) {
        auto* sub = app.add_subcommand(name, help);
        handlers[sub] = std::move(handler);
        return sub;
    };

    auto* init =
        add("init", "create a new project: fleet.yaml, migrations/, a first revision",
            [](const GlobalOptions&, CommandOptions& o) { command::init(o.directory, std::cout); });
    init->add_option("directory", o.directory, "where to create it")->required();

    auto* rev = add(
        "revision", "create a new revision file", [](const GlobalOptions& g, CommandOptions& o) {
            if (o.autogenerate) {
                autogen::write_autogenerated_revision(g, o.autogen, o.new_revision, std::cout);
                return;
            }
            o.new_revision.format = format_for_revision(g);
            auto path = command::revision(resolve_target(g, Needs::scripts_only), o.new_revision);
            std::cout << "Generating " << path.string() << " ...  done\n";
        });
    rev->add_option("-m,--message", o.new_revision.message, "the revision's message");
    rev->add_flag("--autogenerate", o.autogenerate,
                  "write the operations from the database (or the scripts' head) to --from");
    add_autogen_options(*rev, o.autogen);
    rev->add_option("--head", o.new_revision.heads, "the revision(s) to build on (default head)")
        ->expected(1)
        ->take_last();
    rev->add_flag("--splice", o.new_revision.splice, "allow a --head that is not a head");
    rev->add_option("--branch-label", o.new_revision.branch_labels, "label(s) for a new branch");
    rev->add_option("--depends-on", o.new_revision.depends_on, "revision(s) this one depends on");
    rev->add_option("--rev-id", o.new_revision.rev_id, "the id to use instead of a random one");

    auto* check =
        add("check", "exit 3 when the declared schema differs (what autogenerate would write)",
            [](const GlobalOptions& g, CommandOptions& o) {
                o.exit_code = autogen::check(g, o.autogen, std::cout);
            });
    add_autogen_options(*check, o.autogen);

    auto* merge =
        add("merge", "merge several heads into one revision",
            [](const GlobalOptions& g, CommandOptions& o) {
                o.new_revision.format = format_for_revision(g);
                o.new_revision.heads = o.revisions;
                auto path = command::merge(resolve_target(g, Needs::scripts_only), o.new_revision);
                std::cout << "Generating " << path.string() << " ...  done\n";
            });
    merge->add_option("revisions", o.revisions, "the revisions to merge (e.g. heads)")->required();
    merge->add_option("-m,--message", o.new_revision.message, "the merge revision's message");
    merge->add_option("--branch-label", o.new_revision.branch_labels,
                      "label for the merge revision");
    merge->add_option("--rev-id", o.new_revision.rev_id, "the id to use instead of a random one");

    auto* up = add("upgrade", "upgrade to a later revision",
                   [](const GlobalOptions& g, CommandOptions& o) {
                       o.exit_code = run_migrate_command(g, {MigrateRequest::Kind::upgrade,
                                                             {o.revision},
                                                             o.sql,
                                                             false,
                                                             o.continue_on_error,
                                                             o.allow_hazards});
                   });
    up->add_option("revision", o.revision, "target revision: head, heads, +1, abc, label@head...")
        ->required();
    up->add_flag("--sql", o.sql, "print the SQL instead of running it (offline mode)");
    up->add_flag("--continue-on-error", o.continue_on_error, "keep rolling out whatever fails");
    up->add_option("--allow-hazards", o.allow_hazards,
                   "the safety check's rules that may not stop this upgrade");

    auto* down = add("downgrade", "revert to a previous revision",
                     [](const GlobalOptions& g, CommandOptions& o) {
                         o.exit_code = run_migrate_command(g, {MigrateRequest::Kind::downgrade,
                                                               {o.revision},
                                                               o.sql,
                                                               false,
                                                               o.continue_on_error,
                                                               {}});
                     });
    down->add_option("revision", o.revision, "target revision: -1, base, abc, label@-1...")
        ->required();
    down->add_flag("--sql", o.sql, "print the SQL instead of running it (offline mode)");
    down->add_flag("--continue-on-error", o.continue_on_error, "keep rolling out whatever fails");

    auto* stamp = add("stamp", "set the version table without running migrations",
                      [](const GlobalOptions& g, CommandOptions& o) {
                          o.exit_code = run_migrate_command(g, {MigrateRequest::Kind::stamp,
                                                                o.revisions,
                                                                o.sql,
                                                                o.purge,
                                                                o.continue_on_error,
                                                                {}});
                      });
    stamp->add_option("revisions", o.revisions, "revision(s) to stamp")->required();
    stamp->add_flag("--sql", o.sql, "print the SQL instead of running it (offline mode)");
    stamp->add_flag("--purge", o.purge, "empty the version table first");
    stamp->add_flag("--continue-on-error", o.continue_on_error, "keep rolling out whatever fails");

    // The operator's choices for a step left half-done (transactional: false
    // revisions): upgrade and downgrade refuse such a target until one is made.
    auto* retry = add(
        "retry", "run a half-done step again from its first statement",
        [](const GlobalOptions& g, CommandOptions& o) {
            o.exit_code = run_migrate_command(
                g,
                {MigrateRequest::Kind::retry, o.revisions, false, false, o.continue_on_error, {}});
        });
    retry->add_option("revision", o.revisions, "the half-done revision (default: the only one)")
        ->expected(0, 1);
    retry->add_flag("--continue-on-error", o.continue_on_error, "keep rolling out whatever fails");

    auto* mark_done = add("mark-done", "record a half-done step as done without running it",
                          [](const GlobalOptions& g, CommandOptions& o) {
                              o.exit_code = run_migrate_command(g, {MigrateRequest::Kind::mark_done,
                                                                    o.revisions,
                                                                    false,
                                                                    false,
                                                                    o.continue_on_error,
                                                                    {}});
                          });
    mark_done->add_option("revision", o.revisions, "the half-done revision (default: the only one)")
        ->expected(0, 1);
    mark_done->add_flag("--continue-on-error", o.continue_on_error,
                        "keep rolling out whatever fails");

    auto* ensure = add("ensure_version", "create the version table if it does not exist",
                       [](const GlobalOptions& g, CommandOptions& o) {
                           command::ensure_version(
                               resolve_target(g, o.sql ? Needs::scripts_only : Needs::changes),
                               o.sql, std::cout);
                       });
    ensure->add_flag("--sql", o.sql, "print the SQL instead of running it (offline mode)");

    auto* current = add("current", "show the current revision(s) of the database",
                        [](const GlobalOptions& g, CommandOptions& o) {
                            require_table_format(g, "current");
                            command::current(resolve_target(g, Needs::database), g.verbose,
                                             o.check_heads, std::cout);
                        });
    current->add_flag("--check-heads", o.check_heads, "exit 3 unless the database is at the heads");

    auto* history = add(
        "history", "list revisions, newest first", [](const GlobalOptions& g, CommandOptions& o) {
            require_table_format(g, "history");
            bool reads_database =
                o.indicate_current || o.range.find("current") != std::string::npos;
            command::history(
                resolve_target(g, reads_database ? Needs::database : Needs::scripts_only),
                o.range.empty() ? std::nullopt : std::optional(o.range), g.verbose,
                o.indicate_current, std::cout);
        });
    history->add_option("-r,--rev-range", o.range, "a range: A:B, -3:current, current:");
    history->add_flag("-i,--indicate-current", o.indicate_current, "mark the database's revisions");

    auto* heads = add("heads", "show the heads of the script directory",
                      [](const GlobalOptions& g, CommandOptions& o) {
                          require_table_format(g, "heads");
                          command::heads(resolve_target(g, Needs::scripts_only), g.verbose,
                                         o.resolve_dependencies, std::cout);
                      });
    heads->add_flag("--resolve-dependencies", o.resolve_dependencies,
                    "treat dependencies as down revisions");

    add("branches", "show branch points", [](const GlobalOptions& g, CommandOptions&) {
        require_table_format(g, "branches");
        command::branches(resolve_target(g, Needs::scripts_only), g.verbose, std::cout);
    });

    auto* show =
        add("show", "show the revision(s) an identifier names",
            [](const GlobalOptions& g, CommandOptions& o) {
                require_table_format(g, "show");
                command::show(resolve_target(g, o.revision == "current" ? Needs::database
                                                                        : Needs::scripts_only),
                              o.revision, std::cout);
            });
    show->add_option("revision", o.revision, "an identifier, or current")->required();

    auto* status = add(
        "status", "one row per target: where it stands, what is pending; exit 3 when out of sync",
        [](const GlobalOptions& g, CommandOptions& o) {
            auto code = run_status(g, o.status, std::cout);
            if (code == ExitCode::failed)
                std::cerr << "ERROR: some targets could not be read (see STATE)\n";
            if (code == ExitCode::out_of_sync) std::cerr << "some targets are not up to date\n";
            o.exit_code = static_cast<int>(code);
        });
    status->add_flag("--all", o.status.all, "list every target, even in a large fleet");

    add_plan_options(*add("plan",
                          "show per target what an upgrade or downgrade would run; changes nothing",
                          [](const GlobalOptions& g, CommandOptions& o) {
                              o.exit_code = run_plan(g, o.plan, std::cout);
                          }),
                     o.plan);
    add_lint_options(*add("lint",
                          "check revisions for dangerous changes before they run: exit 3 when a "
                          "finding reaches lint.fail_on",
                          [](const GlobalOptions& g, CommandOptions& o) {
                              o.exit_code = run_lint_command(g, o.lint, std::cout);
                          }),
                     o.lint);
    add_audit_options(
        *add("audit",
             "status plus edited-script and schema-drift checks; exit 3 when anything is found",
             [](const GlobalOptions& g, CommandOptions& o) {
                 o.exit_code = run_audit(g, o.audit, std::cout);
             }),
        o.audit);
    add_diff_options(*add("diff", "compare the schema of one target or environment with another's",
                          [](const GlobalOptions& g, CommandOptions& o) {
                              o.exit_code = run_diff(g, o.diff, std::cout);
                          }),
                     o.diff);
    auto* import_alembic =
        add("import", "write a fleet script folder from an Alembic project; touches no database",
            [](const GlobalOptions& g, CommandOptions& o) {
                o.exit_code = alembic_import::run_import(g, o.import_options, std::cout);
            });
    import_alembic->add_option("source", o.import_options.source, "what to import: alembic")
        ->required()
        ->check(CLI::IsMember({"alembic"}));
    import_alembic->add_option(
        "path", o.import_options.path,
        "an alembic.ini or an Alembic script folder (default ./alembic.ini)");
    import_alembic->add_option(
        "--to", o.import_options.to,
        "the fleet script folder to write (default: fleet.yaml's script_location, "
        "else ./migrations)");
    import_alembic->add_option("--dialect", o.import_options.dialects,
                               "dialects the SQL is captured for: postgresql,sqlite (the default)");
    import_alembic->add_flag(
        "--force", o.import_options.force,
        "write into a folder that is not empty (same-named files are replaced)");

    add("locks", "who holds which target's migration lock, and since when",
        [](const GlobalOptions& g, CommandOptions& o) { o.exit_code = run_locks(g, std::cout); });

    // `report merge`, the one report command so far: its handler is the
    // parent's, as the handlers here are keyed by top-level command.
    auto* report_command =
        add("report", "work on rollout reports", [](const GlobalOptions& g, CommandOptions& o) {
            o.exit_code = run_report_merge(g, o.report_merge, std::cout);
        });
    report_command->require_subcommand(1);
    add_report_merge_options(
        *report_command->add_subcommand(
            "merge", "join the --format json reports of a sharded rollout's processes into one"),
        o.report_merge);
    return handlers;
}

// Errors are printed once, here; the message is masked again in case a
// driver quoted a connection string we did not build.
int report(const std::string& message, int code) {
    logging::write({.level = logging::Level::error,
                    .event = "error",
                    .message = message,
                    .text = "ERROR: " + message});
    return code;
}

// --shard auto becomes the K/N the engine assigned, once, so the selection,
// the report and every log line name the same slice.
void resolve_shard(GlobalOptions& g) {
    if (g.shard.empty()) return;
    g.shard = inventory::Shard::resolve(g.shard, inventory::process_environment).to_string();
    logging::set_shard(g.shard);
}

} // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{
        "fleet: versioned schema migrations, Alembic-compatible, for whole fleets of databases"};
    app.set_version_flag("--version", "fleet " FLEET_VERSION);
    app.require_subcommand(1);
    app.fallthrough(); // options that choose databases may follow the command
    GlobalOptions global;
    CommandOptions options;
    add_global_options(app, global);
    auto handlers = add_commands(app, options);
    // The hidden command the shell completion scripts call on TAB.
    CompleteOptions complete;
    handlers[add_complete_command(app, complete)] = [&](const GlobalOptions& g, CommandOptions&) {
        run_complete(app, g, complete, std::cout);
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11 quotes a stray argument as typed, and a URL given without
        // --url carries its password.
        std::ostringstream out, err;
        int code = app.exit(error, out, err);
        std::cout << out.str();
        std::cerr << engine::url::mask_passwords(err.str());
        return code == 0 ? 0 : static_cast<int>(ExitCode::bad_input);
    }
    try {
        logging::setup(logging::parse_format(global.log_format));
        resolve_shard(global);
        for (auto* sub : app.get_subcommands())
            check_metrics_file(global, sub->get_name());
        for (auto* sub : app.get_subcommands())
            handlers.at(sub)(global, options);
        return options.exit_code;
    } catch (const Error& error) {
        return report(error.what(), static_cast<int>(error.exit_code()));
    } catch (const std::exception& error) {
        return report(error.what(), static_cast<int>(ExitCode::failed));
    }
}

} // namespace fleet::orchestrator
