#include "engine/command/command.hpp"

#include "engine/command/locked_target.hpp"
#include "engine/command/project.hpp"
#include "engine/command/revision_format.hpp"
#include "engine/error.hpp"
#include "engine/revision/command_errors.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "engine/runtime/step_renderer.hpp"
#include "engine/script/project_init.hpp"
#include "engine/script/revision_writer.hpp"
#include "engine/script/script_format.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace fleet::engine::command {

namespace {

using revision::RevisionArg;

// "START:END" -> {START, END}; no colon -> {nullopt, text}.
std::pair<std::optional<std::string>, std::string> split_range(const std::string& text) {
    auto colon = text.find(':');
    if (colon == std::string::npos) return {std::nullopt, text};
    return {text.substr(0, colon), text.substr(colon + 1)};
}

std::unique_ptr<runtime::Connection> open(const Target& target) {
    if (!target.connect) throw UsageError("no database URL for " + target.name);
    return target.connect();
}

const ops::Dialect& offline_dialect(const Target& target) {
    if (!target.dialect)
        throw UsageError("--sql needs a database URL to know which SQL dialect to write");
    return *target.dialect;
}

// The heads an offline script starts from: the START of START:END, resolved
// to full ids so the version-table statements name real rows ("base" or
// nothing: an empty table).
std::vector<std::string> offline_start(const Project& project,
                                       const std::optional<std::string>& start) {
    std::vector<std::string> heads;
    if (!start || start->empty() || *start == "base") return heads;
    auto revisions = revision::with_command_wording(
        {}, [&] { return project.map().get_revisions(RevisionArg(*start)); });
    for (const auto* rev : revisions) {
        if (rev) heads.push_back(rev->id);
    }
    return heads;
}

using Planner =
    std::function<std::vector<runtime::MigrationStep>(const std::vector<std::string>& heads)>;

// The one path every changing command takes, live or offline: plan from the
// heads, then run through a sink. Planning happens before the first write, so
// a bad identifier never leaves anything behind.
void migrate(const Target& target, const Project& project, bool sql,
             const std::optional<std::string>& start, const Planner& plan, std::ostream& out,
             bool purge = false, bool guard_half_done = true) {
    if (sql) {
        runtime::OfflineSink sink(offline_dialect(target), out);
        runtime::MigrationContext context(sink, project.scripts(), target.settings);
        auto heads = offline_start(project, start);
        context.run(plan(heads), heads, purge);
        return;
    }
    // A database that is not there yet (a new SQLite file) is planned and
    // rendered against no heads first, so a bad identifier or a revision that
    // cannot be rendered leaves no empty file behind.
    if (target.exists && !target.exists()) {
        const auto steps = plan(std::vector<std::string>{});
        const auto& dialect = offline_dialect(target);
        runtime::StepRenderer(project.scripts(), dialect, dialect.capabilities(), true)
            .render(steps);
    }
    auto locked = lock_target(target);
    // A stamp is the operator's own hand on the version table, so it may go
    // past a half-done step; running migrations may not.
    if (guard_half_done) refuse_half_done(target, *locked.connection);
    auto steps = plan(purge ? std::vector<std::string>{} : locked.heads);
    runtime::LiveSink sink(*locked.connection);
    runtime::MigrationContext context(sink, project.scripts(), target.settings);
    context.run(steps, locked.heads, purge);
    locked.release();
}

// The heads recorded in the target's database, read without writing.
std::vector<std::string> database_heads(const Target& target) {
    if (target.exists && !target.exists()) return {};
    auto connection = open(target);
    runtime::VersionTable table(target.settings.version_table,
                                target.settings.version_table_schema);
    return table.read_heads(*connection);
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

void upgrade(const Target& target, const std::string& revision, bool sql, std::ostream& out) {
    upgrade(target, Project(target.script_location), revision, sql, out);
}

void upgrade(const Target& target, const Project& project, const std::string& revision, bool sql,
             std::ostream& out) {
    auto [start, destination] = split_range(revision);
    if (start && !sql) throw UsageError("Range revision not allowed");
    migrate(
        target, project, sql, start,
        // A named copy: clang before 16 cannot capture a structured binding.
        [&, to = destination](const std::vector<std::string>& heads) {
            return runtime::plan_upgrade(project.map(), to, heads);
        },
        out);
}

void downgrade(const Target& target, const std::string& revision, bool sql, std::ostream& out) {
    downgrade(target, Project(target.script_location), revision, sql, out);
}

void downgrade(const Target& target, const Project& project, const std::string& revision, bool sql,
               std::ostream& out) {
    auto [start, destination] = split_range(revision);
    if (start && !sql) throw UsageError("Range revision not allowed");
    if (sql && !start) throw UsageError("downgrade with --sql requires <fromrev>:<torev>");
    migrate(
        target, project, sql, start,
        [&, to = destination](const std::vector<std::string>& heads) {
            return runtime::plan_downgrade(project.map(), to, heads);
        },
        out);
}

void stamp(const Target& target, const std::vector<std::string>& revisions, bool sql, bool purge,
           std::ostream& out) {
    stamp(target, Project(target.script_location), revisions, sql, purge, out);
}

void stamp(const Target& target, const Project& project, const std::vector<std::string>& revisions,
           bool sql, bool purge, std::ostream& out) {
    if (purge && sql) throw UsageError("Can't use --purge with --sql mode");
    std::optional<std::string> start;
    std::vector<std::string> destinations;
    for (const auto& text : revisions) {
        auto [from, to] = split_range(text);
        if (from && !sql) throw UsageError("Range revision not allowed");
        if (from && start && *start != *from)
            throw UsageError(
                "Stamp operation with --sql only supports a single starting revision at a time");
        if (from) start = from;
        destinations.push_back(to);
    }
    migrate(
        target, project, sql, start,
        [&](const std::vector<std::string>& heads) {
            return runtime::plan_stamp(project.map(), destinations, heads, purge);
        },
        out, purge, false);
}

void ensure_version(const Target& target, bool sql, std::ostream& out) {
    runtime::VersionTable table(target.settings.version_table,
                                target.settings.version_table_schema);
    if (sql) {
        runtime::OfflineSink sink(offline_dialect(target), out);
        table.create(sink);
        return;
    }
    auto locked = lock_target(target);
    if (!table.exists(*locked.connection)) {
        runtime::LiveSink sink(*locked.connection);
        table.create(sink);
    }
    locked.release();
}

void current(const Target& target, bool verbose, bool check_heads, std::ostream& out) {
    Project project(target.script_location, script::Parse::headers); // the graph only
    auto heads = database_heads(target);
    if (verbose) out << "Current revision(s) for " << target.display_url << ":\n";
    for (const auto* rev : project.map().get_all_current(heads)) {
        FormatOptions options;
        options.verbose = verbose;
        out << format_revision(*rev, project.script(*rev), options) << "\n";
    }
    if (check_heads && !at_heads(heads, project)) {
        auto expected = project.map().real_heads();
        std::sort(expected.begin(), expected.end());
        std::sort(heads.begin(), heads.end());
        throw Error(
            fmt::format("Database is not on the latest revision(s): at ({}), heads are ({})",
                        fmt::join(heads, ", "), fmt::join(expected, ", ")),
            ExitCode::out_of_sync);
    }
}

bool at_heads(std::vector<std::string> current, const Project& project) {
    auto heads = project.map().real_heads();
    std::sort(current.begin(), current.end());
    std::sort(heads.begin(), heads.end());
    return current == heads;
}

void history(const Target& target, const std::optional<std::string>& range, bool verbose,
             bool indicate_current, std::ostream& out) {
    Project project(target.script_location, script::Parse::headers); // the graph only
    std::string base, head;
    if (range) {
        auto colon = range->find(':');
        if (colon == std::string::npos)
            throw UsageError("History range requires [start]:[end], [start]:, or :[end]");
        base = range->substr(0, colon);
        head = range->substr(colon + 1);
    }
    std::vector<std::string> currents;
    const bool reads_database = indicate_current || base == "current" || head == "current";
    if (reads_database) currents = database_heads(target);
    RevisionArg base_arg = base.empty() ? RevisionArg("base") : RevisionArg(base);
    RevisionArg head_arg = head.empty() ? RevisionArg("heads") : RevisionArg(head);
    if (head == "current") head_arg = RevisionArg::tuple(currents);
    if (base == "current") base_arg = RevisionArg::tuple(currents);
    for (const auto* rev : project.map().walk_revisions(base_arg, head_arg)) {
        FormatOptions options;
        options.verbose = verbose;
        options.include_branches = true;
        options.include_doc = true;
        options.include_parents = true;
        options.current = indicate_current && contains(currents, rev->id);
        out << format_revision(*rev, project.script(*rev), options) << "\n";
    }
}

void heads(const Target& target, bool verbose, bool resolve_dependencies, std::ostream& out) {
    Project project(target.script_location, script::Parse::headers); // the graph only
    auto revisions = resolve_dependencies
                         ? project.map().get_revisions(RevisionArg("heads"))
                         : project.map().get_revisions(RevisionArg::tuple(project.map().heads()));
    for (const auto* rev : revisions) {
        FormatOptions options;
        options.verbose = verbose;
        options.include_branches = true;
        options.tree_indicators = false;
        out << format_revision(*rev, project.script(*rev), options) << "\n";
    }
}

void branches(const Target& target, bool verbose, std::ostream& out) {
    Project project(target.script_location, script::Parse::headers); // the graph only
    for (const auto* rev : project.map().walk_revisions()) {
        if (!rev->is_branch_point()) continue;
        FormatOptions options;
        options.verbose = verbose;
        options.include_branches = true;
        out << format_revision(*rev, project.script(*rev), options) << "\n";
        const std::string indent(rev->id.size(), ' ');
        bool first = true;
        for (const auto& next : rev->nextrev) {
            FormatOptions child;
            child.include_branches = true;
            child.include_doc = verbose;
            out << (first ? "" : "\n") << indent << " -> "
                << format_revision(*project.map().find(next),
                                   project.script(*project.map().find(next)), child);
            first = false;
        }
        out << "\n\n";
    }
}

void show(const Target& target, const std::string& revision, std::ostream& out) {
    Project project(target.script_location, script::Parse::headers); // the graph only
    RevisionArg arg =
        revision == "current" ? RevisionArg::tuple(database_heads(target)) : RevisionArg(revision);
    auto revisions =
        revision::with_command_wording({}, [&] { return project.map().get_revisions(arg); });
    for (const auto* rev : revisions) {
        if (rev) out << log_entry(*rev, project.script(*rev), false) << "\n";
    }
}

namespace {

script::NewRevision new_file(const NewRevision& request, std::vector<std::string> down_revisions) {
    script::NewRevision file;
    file.id = request.rev_id.empty() ? script::new_revision_id() : request.rev_id;
    file.message = request.message;
    file.down_revisions = std::move(down_revisions);
    file.branch_labels = request.branch_labels;
    file.depends_on = request.depends_on;
    file.format = script::parse_format(request.format);
    file.create_date = script::utc_create_date();
    file.upgrade_body = request.upgrade_body;
    file.downgrade_body = request.downgrade_body;
    return file;
}

} // namespace

std::filesystem::path revision(const Target& target, const NewRevision& request) {
    Project project(target.script_location, script::Parse::headers); // the graph only
    const auto& map = project.map();
    // Alembic's rules for where a new revision goes: on the current head (or
    // the --head given); a new root with "base"; a new branch needs a
    // --branch-label or --splice when its parent is not a head.
    std::vector<std::string> parents;
    for (const auto& head : request.heads) {
        if (head == "base") continue;
        auto revisions = revision::with_command_wording(
            {}, [&] { return map.get_revisions(RevisionArg(head)); });
        for (const auto* rev : revisions) {
            if (!rev) continue;
            if (!request.splice && !rev->is_head())
                throw UsageError(fmt::format(
                    "Revision {} is not a head revision; please specify --splice to create a new "
                    "branch from this revision",
                    rev->id));
            parents.push_back(rev->id);
        }
    }
    if (request.heads.size() == 1 && request.heads[0] == "head" && map.heads().size() > 1)
        map.get_current_head(); // throws Alembic's "Multiple heads are present" error
    auto file = new_file(request, parents);
    if (map.find(file.id)) throw UsageError(fmt::format("Revision {} is already present", file.id));
    for (const auto& label : file.branch_labels) {
        for (const auto& rev : map.revisions()) {
            if (std::find(rev.all_branch_labels.begin(), rev.all_branch_labels.end(), label) !=
                rev.all_branch_labels.end())
                throw UsageError(
                    fmt::format("Branch label '{}' is already used by revision {}", label, rev.id));
        }
    }
    return script::write_revision(target.script_location, file);
}

std::filesystem::path merge(const Target& target, const NewRevision& request) {
    Project project(target.script_location, script::Parse::headers); // the graph only
    std::vector<std::string> parents;
    for (const auto& spec : request.heads) {
        auto revisions = revision::with_command_wording(
            {}, [&] { return project.map().get_revisions(RevisionArg(spec)); });
        for (const auto* rev : revisions) {
            if (rev && std::find(parents.begin(), parents.end(), rev->id) == parents.end())
                parents.push_back(rev->id);
        }
    }
    if (parents.size() < 2)
        throw UsageError("merge needs at least two revisions; the ones given resolve to " +
                         fmt::format("{}", fmt::join(parents, ", ")));
    auto file = new_file(request, parents);
    if (file.message.empty()) file.message = "merge";
    return script::write_revision(target.script_location, file);
}

void init(const std::filesystem::path& directory, std::ostream& out) {
    auto created = script::init_project(directory);
    out << "Creating directory " << directory.string() << " ...  done\n";
    out << "Generating " << created.config_file.string() << " ...  done\n";
    out << "Generating " << created.first_revision.string() << " ...  done\n";
    out << "Please edit " << created.config_file.string()
        << " to point at your databases before running fleet upgrade.\n";
}

} // namespace fleet::engine::command
