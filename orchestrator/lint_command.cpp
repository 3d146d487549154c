#include "orchestrator/lint_command.hpp"

#include "engine/error.hpp"
#include "engine/lint/rules.hpp"
#include "engine/lint/waivers.hpp"
#include "orchestrator/lint_run.hpp"
#include "orchestrator/project_cache.hpp"
#include "orchestrator/target_list.hpp"
#include "plugins/reporters/lint_json.hpp"
#include "plugins/reporters/lint_junit.hpp"
#include "plugins/reporters/lint_table.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <set>

namespace fleet::orchestrator {

namespace {

namespace reporters = plugins::reporters;

OutputFormat lint_format(const GlobalOptions& global) {
    return parse_output_format(global, "lint",
                               {OutputFormat::table, OutputFormat::json, OutputFormat::sarif,
                                OutputFormat::github, OutputFormat::junit});
}

// Whether the command line names databases; without, `fleet lint` checks
// the script directory alone (every revision, or the range given).
bool names_databases(const GlobalOptions& global) {
    return !global.names.empty() || !global.envs.empty() || !global.url.empty() ||
           !global.shard.empty() || std::getenv("DATABASE_URL") != nullptr;
}

void render(const LintOutcome& outcome, OutputFormat format, std::ostream& out) {
    switch (format) {
    case OutputFormat::table:
        reporters::render_lint_table(outcome.report, out);
        break;
    case OutputFormat::json:
        reporters::render_lint_json(outcome.report, outcome.fail_on, out);
        break;
    case OutputFormat::sarif:
        reporters::render_lint_sarif(outcome.report, out);
        break;
    case OutputFormat::github:
        reporters::render_lint_github(outcome.report, out);
        break;
    case OutputFormat::junit:
        reporters::render_lint_junit(outcome.report, outcome.fail_on, out);
        break;
    }
}

// Rule ids the user wrote must name rules: a typo in --allow-hazards or
// lint.ignore would silently check nothing. Waivers in the revisions too.
void check_choices(const TargetList& list, const ProjectCache& projects,
                   const std::vector<std::string>& allow_hazards) {
    auto check = [](const std::string& id, const std::string& where) {
        if (!engine::lint::find_rule(id))
            throw UsageError(fmt::format("{} names no lint rule: '{}' (the rules are listed in "
                                         "the README, \"Lint\")",
                                         where, id));
    };
    for (const auto& id : allow_hazards)
        check(id, "--allow-hazards");
    for (const auto& spec : list.selected) {
        for (const auto& id : spec.settings.lint.ignore)
            check(id, fmt::format("lint.ignore of {}", spec.full_name()));
    }
    for (const auto& [location, project] : projects.all())
        engine::lint::check_waivers(project->scripts());
}

} // namespace

void add_lint_options(CLI::App& command, LintCommandOptions& options) {
    command.add_option("revision", options.revision,
                       "REVISION or A:B (default: what is pending on each target; every "
                       "revision when no database is named)");
    command.add_option("--allow-hazards", options.allow_hazards,
                       "waive these rule ids for this run");
    command.add_option("--dialect", options.dialects,
                       "postgresql or sqlite: the dialects to check without a database "
                       "(default: the inventory's)");
    command.add_option("--dev-url", options.dev_url,
                       "a server where the dry run may create scratch databases (dev_url)");
    command.add_flag("--no-dry-run", options.no_dry_run,
                     "check the revisions' text and the targets' facts only");
}

int run_lint_command(const GlobalOptions& global, const LintCommandOptions& options,
                     std::ostream& out) {
    const auto format = lint_format(global);
    LintRequest request;
    request.revision = options.revision;
    request.allow_hazards = options.allow_hazards;
    request.dev_url = options.dev_url;
    request.dry_run = !options.no_dry_run;

    ProjectCache projects;
    LintOutcome outcome;
    if (names_databases(global)) {
        if (options.revision.find(':') != std::string::npos)
            throw UsageError("lint takes a range A:B only without a database: on databases it "
                             "checks what `upgrade REVISION` would run from where each stands");
        auto list = resolve_targets(global, Needs::database);
        for (const auto& target : list.targets)
            projects.load(target.target.script_location);
        check_choices(list, projects, options.allow_hazards);
        outcome = run_lint(list, projects, request);
    } else {
        auto selected = select_targets(global, Needs::scripts_only);
        projects.load(selected.script_location);
        check_choices(TargetList{}, projects, options.allow_hazards);
        for (const auto& id : selected.settings.lint.ignore) {
            if (!engine::lint::find_rule(id))
                throw UsageError(fmt::format("lint.ignore names no lint rule: '{}'", id));
        }
        request.ignore = selected.settings.lint.ignore;
        request.dialects = options.dialects;
        if (request.dialects.empty()) {
            std::set<std::string> seen;
            for (const auto& chosen : selected.targets) {
                auto target = command_target(chosen, Needs::scripts_only);
                if (target.dialect) seen.insert(std::string(target.dialect->name()));
            }
            request.dialects.assign(seen.begin(), seen.end());
        }
        if (request.dialects.empty())
            throw UsageError("lint without a database needs --dialect postgresql or sqlite (or an "
                             "inventory whose databases say which)");
        if (request.dev_url.empty())
            request.dev_url = selected.settings.autogen.dev_url.value_or("");
        outcome = run_lint(TargetList{}, projects, request);
        if (selected.settings.lint.fail_on == "warning")
            outcome.fail_on = engine::lint::Severity::warning;
    }
    render(outcome, format, out);
    return static_cast<int>(reporters::lint_exit_code(outcome.report, outcome.fail_on));
}

void lint_gate(const TargetList& list, const ProjectCache& projects, const std::string& revision,
               const std::vector<std::string>& allow_hazards, const char* command,
               std::ostream& err) {
    LintRequest request;
    request.revision = revision;
    request.allow_hazards = allow_hazards;
    check_choices(list, projects, allow_hazards);
    // Most upgrades hold nothing the rules could object to: then no target
    // is asked anything and the rollout starts at once. The gate makes a dry
    // run only where a statement hides its effect from the parser: a dry run
    // runs the revision's statements, and a long data step would hold the
    // rollout back for as long (`fleet lint` always makes one).
    const auto look = first_look(list, projects, request);
    if (!look.could_block) return;
    request.dry_run = look.opaque;
    auto outcome = run_lint(list, projects, request);
    if (reporters::lint_exit_code(outcome.report, outcome.fail_on) == ExitCode::ok) return;
    reporters::render_lint_table(outcome.report, err);
    std::size_t blocking = 0;
    for (const auto& group : outcome.report.groups)
        blocking += reporters::lint_blocks(group, outcome.fail_on) ? 1 : 0;
    throw UsageError(fmt::format(
        "lint: {} at {} refused this {}; nothing was run. Do it the safe way shown, waive the "
        "rule in its revision with a reason (`-- fleet:allow RULE reason` in SQL, `allow: "
        "[{{rule: RULE, reason: ...}}]` in YAML), or pass --allow-hazards RULE",
        blocking == 1 ? std::string("1 finding") : fmt::format("{} findings", blocking),
        engine::lint::severity_name(outcome.fail_on), command));
}

} // namespace fleet::orchestrator
