#include "orchestrator/lint_run.hpp"

#include "engine/command/target_plan.hpp"
#include "engine/error.hpp"
#include "engine/lint/lint_facts.hpp"
#include "engine/lint/lint_revision.hpp"
#include "engine/lint/rules.hpp"
#include "engine/lint/statement_facts.hpp"
#include "engine/runtime/schema_replay.hpp"
#include "engine/url/database_url.hpp"
#include "orchestrator/lint/dry_run.hpp"
#include "orchestrator/lint/target_facts.hpp"
#include "orchestrator/parallel_reads.hpp"
#include "orchestrator/read_progress.hpp"
#include "plugins/driver_registry.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

namespace fleet::orchestrator {

namespace {

using engine::lint::Finding;
using engine::lint::RevisionToLint;
using engine::lint::RevisionTrace;
using engine::lint::Severity;
using engine::lint::TargetFacts;

// The revisions to check on one script directory and dialect, in the order
// an upgrade runs them (parents first), and where its dry run may go.
struct Lineage {
    const engine::command::Project* project = nullptr;
    const engine::ops::Dialect* dialect = nullptr;
    std::string dev_url;
    std::string version_table = engine::runtime::k_default_version_table;
    std::set<std::string> wanted;
    std::vector<std::string> revisions; // `wanted` in upgrade order
    std::map<std::string, RevisionToLint> read;
    std::map<std::string, RevisionTrace> traces;
};

using LineageKey = std::pair<std::filesystem::path, std::string>;

// A target's side: what is pending on it and what it looks like now.
struct TargetSide {
    std::vector<std::string> pending; // in upgrade order
    std::string trouble;              // why nothing could be planned (masked)
    TargetFacts facts;
    bool has_facts = false;
};

// The revisions `revision` names without targets: all, up to REV, or A:B.
std::vector<std::string> revisions_named(const engine::command::Project& project,
                                         const std::string& revision) {
    if (revision.empty() || revision == "heads") {
        std::set<std::string> all;
        for (const auto& r : project.map().revisions())
            all.insert(r.id);
        return lint::upgrade_order(project, all);
    }
    std::string lower = "base";
    std::string upper = revision;
    if (const auto colon = revision.find(':'); colon != std::string::npos) {
        lower = revision.substr(0, colon);
        upper = revision.substr(colon + 1);
    }
    std::vector<std::string> ids;
    const bool inclusive = lower != "base";
    for (const auto* r : project.map().iterate_revisions(upper, lower, true, inclusive))
        ids.push_back(r->id);
    std::reverse(ids.begin(), ids.end());
    return ids;
}

void order_lineage(Lineage& lineage) {
    lineage.revisions = lint::upgrade_order(*lineage.project, lineage.wanted);
}

// Each revision as the rules read it and, unless the request says not to,
// its dry run.
void prepare(Lineage& lineage, const LintRequest& request) {
    const auto& scripts = lineage.project->scripts();
    engine::runtime::SchemaReplay replay(scripts, std::string(lineage.dialect->name()));
    std::vector<lint::PendingRevision> pending;
    for (const auto& id : lineage.revisions) {
        auto revision = engine::lint::revision_to_lint(scripts, id, *lineage.dialect, replay);
        pending.push_back({id, revision.statements});
        lineage.read.emplace(id, std::move(revision));
    }
    if (!request.dry_run || pending.empty()) return;
    lint::DryRunOptions options;
    options.dialect = std::string(lineage.dialect->name());
    options.dev_url = lineage.dev_url;
    options.version_table = lineage.version_table;
    for (auto& trace : lint::dry_run(*lineage.project, pending, options))
        lineage.traces[trace.revision] = std::move(trace);
}

// The findings of one revision, for one target's facts or none.
std::vector<Finding> check_revision(const Lineage& lineage, const std::string& id,
                                    const TargetFacts* facts) {
    const auto trace = lineage.traces.find(id);
    return engine::lint::lint_revision(
        lineage.read.at(id), trace == lineage.traces.end() ? nullptr : &trace->second, facts);
}

// The tables a revision's statements name, for the live facts to read.
void add_tables(const RevisionToLint& revision, std::set<std::string>& tables) {
    for (const auto& statement : revision.statements) {
        for (const auto& facts : engine::lint::read_statements(statement.sql)) {
            if (!facts.table.empty()) tables.insert(facts.table);
            tables.insert(facts.tables.begin(), facts.tables.end());
        }
    }
}

// The dialect fleet calls `name`. Throws UsageError for a name fleet has no
// driver for.
const engine::ops::Dialect& dialect_named(const std::string& name) {
    for (auto scheme : plugins::known_schemes()) {
        if (scheme != name) continue;
        // Only the scheme picks a driver; no URL is parsed (a made-up one
        // must also be valid, and a SQLite URL takes no host).
        engine::url::DatabaseUrl url;
        url.scheme = name;
        return plugins::dialect_for(url);
    }
    throw UsageError(fmt::format("--dialect is postgresql or sqlite, not '{}'", name));
}

std::map<std::string, std::string> rule_summaries() {
    std::map<std::string, std::string> out;
    for (const auto& rule : engine::lint::rule_catalog())
        out.emplace(std::string(rule.id), std::string(rule.summary));
    return out;
}

// A finding's file as people and CI annotations want it: relative to the
// folder fleet runs in when it is inside it.
void relative_files(std::vector<Finding>& findings) {
    std::error_code error;
    const auto here = std::filesystem::current_path(error);
    if (error) return;
    for (auto& f : findings) {
        auto relative = std::filesystem::path(f.file).lexically_proximate(here);
        if (!relative.empty() && *relative.begin() != "..") f.file = relative.string();
    }
}

// Applies what the run and the inventory say about rules: ignored ones go,
// allowed ones (--allow-hazards) are waived for this run.
void apply_choices(std::vector<Finding>& findings, const std::vector<std::string>& ignore,
                   const std::vector<std::string>& allow) {
    auto in = [](const std::vector<std::string>& list, const std::string& rule) {
        return std::find(list.begin(), list.end(), rule) != list.end();
    };
    std::erase_if(findings, [&](const Finding& f) { return in(ignore, f.rule); });
    for (auto& f : findings) {
        if (f.waived.empty() && in(allow, f.rule)) f.waived = "allowed by --allow-hazards";
    }
}

void note_untraced(const Lineage& lineage, std::vector<std::string>& notes) {
    std::set<std::string> reasons;
    for (const auto& [id, trace] : lineage.traces) {
        if (!trace.traced && !trace.why_not.empty()) reasons.insert(trace.why_not);
    }
    for (const auto& reason : reasons)
        notes.push_back(fmt::format("{}: no dry run: {}", lineage.dialect->name(), reason));
}

// The revisions an upgrade to `revision` could run on some target: those up
// to it, or every one when it is relative to where each target stands
// (+1, label@+2), which only a target's version rows resolve.
std::vector<std::string> candidates(const engine::command::Project& project,
                                    const std::string& revision) {
    const bool relative = revision.find('+') != std::string::npos ||
                          revision.find("@-") != std::string::npos ||
                          (!revision.empty() && revision.front() == '-');
    if (relative) return revisions_named(project, "heads");
    try {
        return revisions_named(project, revision);
    } catch (const RevisionError&) {
        return revisions_named(project, "heads");
    }
}

// A statement whose effect the parser cannot see: only a dry run tells.
bool opaque(const RevisionToLint& revision) {
    using Kind = engine::lint::StatementFacts::Kind;
    for (const auto& statement : revision.statements) {
        for (const auto& facts : engine::lint::read_statements(statement.sql)) {
            if (facts.kind == Kind::do_block || facts.kind == Kind::unparsed) return true;
        }
    }
    return false;
}

Severity fail_on_of(const inventory::Settings& settings) {
    return settings.lint.fail_on == "warning" ? Severity::warning : Severity::error;
}

} // namespace

FirstLook first_look(const TargetList& list, const ProjectCache& projects,
                     const LintRequest& request) {
    FirstLook result;
    // What the rules alone find per script directory and dialect, once.
    struct Look {
        std::vector<Finding> findings;
        bool opaque = false;
    };
    std::map<LineageKey, Look> looks;
    for (std::size_t i = 0; i < list.targets.size(); ++i) {
        const auto& target = list.targets[i].target;
        const LineageKey key{target.script_location, std::string(target.dialect->name())};
        auto found = looks.find(key);
        if (found == looks.end()) {
            const auto& project = projects.of(target.script_location);
            engine::runtime::SchemaReplay replay(project.scripts(), key.second);
            Look look;
            for (const auto& id : candidates(project, request.revision)) {
                auto revision =
                    engine::lint::revision_to_lint(project.scripts(), id, *target.dialect, replay);
                look.opaque = look.opaque || opaque(revision);
                auto more = engine::lint::lint_revision(revision);
                look.findings.insert(look.findings.end(), more.begin(), more.end());
            }
            found = looks.emplace(key, std::move(look)).first;
        }
        if (found->second.opaque) {
            result.could_block = result.opaque = true;
            return result;
        }
        auto findings = found->second.findings;
        const auto& settings = list.selected[i].settings;
        apply_choices(findings, settings.lint.ignore, request.allow_hazards);
        const auto fail_on = fail_on_of(settings);
        for (const auto& f : findings) {
            if (f.waived.empty() && (fail_on == Severity::warning || f.severity == Severity::error))
                result.could_block = true;
        }
    }
    return result;
}

LintOutcome run_lint(const TargetList& list, const ProjectCache& projects,
                     const LintRequest& request) {
    LintOutcome outcome;
    std::vector<Finding> findings;
    std::vector<std::string> notes;
    std::map<LineageKey, Lineage> lineages;
    std::size_t revision_count = 0;

    if (list.targets.empty()) {
        // No database: every revision named, on each dialect asked for.
        const auto& [location, project] = *projects.all().begin();
        for (const auto& name : request.dialects) {
            auto& lineage = lineages[{location, name}];
            lineage.project = project.get();
            lineage.dialect = &dialect_named(name);
            lineage.dev_url = request.dev_url;
            for (const auto& id : revisions_named(*project, request.revision))
                lineage.wanted.insert(id);
            order_lineage(lineage);
            prepare(lineage, request);
            note_untraced(lineage, notes);
            for (const auto& id : lineage.revisions) {
                auto found = check_revision(lineage, id, nullptr);
                findings.insert(findings.end(), found.begin(), found.end());
            }
            revision_count = std::max(revision_count, lineage.revisions.size());
        }
        apply_choices(findings, request.ignore, request.allow_hazards);
        relative_files(findings);
        outcome.report = plugins::reporters::make_lint_report(
            std::move(findings), revision_count, 0, std::move(notes), rule_summaries());
        return outcome;
    }

    // What is pending on each target: the engine's own planner, read-only.
    engine::command::PlanRequest plan;
    plan.revision = request.revision.empty() ? "heads" : request.revision;
    std::vector<TargetSide> sides(list.targets.size());
    ReadProgressOnTerminal pending_progress("lint: pending revisions", list.selected.size());
    for_each_target_in_parallel(
        list.selected,
        [&](std::size_t i) {
            const auto& listed = list.targets[i];
            auto planned = engine::command::target_plan(
                listed.target, projects.of(listed.target.script_location), plan);
            if (planned.state == engine::command::PlanState::unreachable ||
                planned.state == engine::command::PlanState::error) {
                sides[i].trouble = planned.detail;
                return;
            }
            for (const auto& step : planned.steps)
                sides[i].pending.push_back(step.revision);
        },
        pending_progress.get());
    pending_progress.end();

    // One lineage per script directory and dialect: statements rendered and
    // dry runs made once, however many targets share them.
    for (std::size_t i = 0; i < list.targets.size(); ++i) {
        const auto& listed = list.targets[i];
        const auto& settings = list.selected[i].settings;
        if (fail_on_of(settings) == Severity::warning) outcome.fail_on = Severity::warning;
        if (!sides[i].trouble.empty()) {
            notes.push_back(
                fmt::format("{}: not checked: {}", listed.target.name, sides[i].trouble));
            continue;
        }
        auto& lineage =
            lineages[{listed.target.script_location, std::string(listed.target.dialect->name())}];
        lineage.project = &projects.of(listed.target.script_location);
        lineage.dialect = listed.target.dialect;
        if (lineage.dev_url.empty())
            lineage.dev_url = settings.autogen.dev_url.value_or(request.dev_url);
        lineage.version_table = settings.version_table;
        lineage.wanted.insert(sides[i].pending.begin(), sides[i].pending.end());
    }
    for (auto& [key, lineage] : lineages) {
        order_lineage(lineage);
        prepare(lineage, request);
        note_untraced(lineage, notes);
        revision_count += lineage.revisions.size();
    }

    // Each target's facts, for the tables its pending revisions touch.
    ReadProgressOnTerminal facts_progress("lint: live facts", list.selected.size());
    for_each_target_in_parallel(
        list.selected,
        [&](std::size_t i) {
            auto& side = sides[i];
            if (!side.trouble.empty() || side.pending.empty()) return;
            const auto& listed = list.targets[i];
            const auto& lineage = lineages.at(
                {listed.target.script_location, std::string(listed.target.dialect->name())});
            std::set<std::string> tables;
            for (const auto& id : side.pending)
                add_tables(lineage.read.at(id), tables);
            side.facts = lint::read_target_facts(listed.target, tables);
            side.has_facts = true;
        },
        facts_progress.get());
    facts_progress.end();

    std::size_t with_facts = 0;
    for (std::size_t i = 0; i < list.targets.size(); ++i) {
        const auto& side = sides[i];
        if (!side.trouble.empty()) continue;
        const auto& listed = list.targets[i];
        const auto& lineage = lineages.at(
            {listed.target.script_location, std::string(listed.target.dialect->name())});
        const TargetFacts* facts = nullptr;
        if (side.has_facts && side.facts.unreadable.empty()) {
            facts = &side.facts;
            ++with_facts;
        } else if (side.has_facts) {
            notes.push_back(
                fmt::format("{}: facts not read: {}", listed.target.name, side.facts.unreadable));
        }
        std::vector<Finding> found;
        for (const auto& id : side.pending) {
            auto more = check_revision(lineage, id, facts);
            found.insert(found.end(), more.begin(), more.end());
        }
        apply_choices(found, list.selected[i].settings.lint.ignore, request.allow_hazards);
        findings.insert(findings.end(), found.begin(), found.end());
    }
    outcome.report = plugins::reporters::make_lint_report(
        std::move(findings), revision_count, with_facts, std::move(notes), rule_summaries());
    return outcome;
}

} // namespace fleet::orchestrator
