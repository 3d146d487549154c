#include "orchestrator/autogen/autogen_command.hpp"

#include "engine/autogen/ops_yaml.hpp"
#include "engine/autogen/schema_diff_ops.hpp"
#include "engine/autogen/schema_renames.hpp"
#include "engine/autogen/table_filter.hpp"
#include "engine/command/project.hpp"
#include "engine/error.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/runtime/version_table.hpp"
#include "engine/schema/schema_compare.hpp"
#include "engine/script/revision_writer.hpp"
#include "orchestrator/autogen/declared_schema.hpp"
#include "orchestrator/autogen/scratch_database.hpp"
#include "orchestrator/target_resolver.hpp"
#include "plugins/driver_registry.hpp"
#include "plugins/reporters/check_json.hpp"
#include "plugins/reporters/check_junit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <sstream>

namespace fleet::orchestrator::autogen {

namespace fs = std::filesystem;
using engine::schema::Schema;
using engine::url::DatabaseUrl;

namespace {

// What is compared of a schema: fleet's own tables and the inventory's
// include/exclude patterns out, both sides spelled alike.
struct Scope {
    std::vector<std::string> excluded; // fleet's tables: the version table, fleet_history
    engine::autogen::TableFilter filter;

    void narrow(Schema& schema) const {
        filter.apply(schema);
        engine::autogen::make_comparable(schema);
    }
    Schema read(const DatabaseUrl& url) const {
        auto schema = plugins::connect(url)->read_schema(excluded);
        narrow(schema);
        return schema;
    }
};

std::string differences(const Schema& actual, const Schema& wanted) {
    std::string text;
    for (const auto& d :
         engine::schema::compare(actual, wanted, {"the replayed revision", "the declared schema"}))
        text += "\n  " + d.description;
    return text;
}

// Runs the written revision's upgrade or downgrade on the scratch copy; a
// failure is autogenerate's, said as such, and nothing is written.
void replay(const engine::command::Target& scratch, const std::string& direction,
            const std::string& where) {
    std::ostringstream quiet;
    try {
        if (direction == "upgrade")
            engine::command::upgrade(scratch, "heads", false, quiet);
        else
            engine::command::downgrade(scratch, "-1", false, quiet);
    } catch (const Error& error) {
        throw Error(fmt::format("autogenerate's revision fails its {} on a scratch database ({}): "
                                "{}\nNothing was written.",
                                direction, where, error.what()),
                    ExitCode::failed);
    }
}

// Both sides and the operations between them.
struct Comparison {
    engine::command::Target target;
    Scope scope;
    DatabaseUrl like;                             // the dialect compared on
    std::unique_ptr<ScratchDatabase> declared_db; // the declared SQL, loaded
    std::unique_ptr<ScratchDatabase> head;        // the script directory at its heads
    Schema current;                               // the selected database's, else the head's
    Schema declared;
    engine::autogen::RenameHints renames; // what the declared schema says was renamed
    std::vector<engine::ops::Operation> upgrade;
    engine::autogen::Notes notes; // on the upgrade's steps

    engine::autogen::CatalogOps catalog() const {
        return engine::autogen::CatalogOps(plugins::dialect_for(like).compiler());
    }
};

std::string dialect_of(const AutogenOptions& options, const engine::command::Target& target) {
    if (target.dialect) return std::string(target.dialect->name());
    if (is_database_source(options.from)) return DatabaseUrl::parse(options.from).scheme;
    if (!options.dev_url.empty()) return DatabaseUrl::parse(options.dev_url).scheme;
    return "sqlite";
}

// The command line's --from and --dev-url, else the inventory's
// desired_schema and dev_url (the selected database's, or the top level's).
AutogenOptions with_inventory(AutogenOptions options, const inventory::AutogenSettings& settings) {
    if (options.from.empty() && settings.desired_schema) options.from = *settings.desired_schema;
    if (options.dev_url.empty() && settings.dev_url) options.dev_url = *settings.dev_url;
    if (options.from.empty())
        throw UsageError("no declared schema: give --from SOURCE (.sql or .yaml files, a folder "
                         "of them, or a database URL) or set desired_schema in fleet.yaml");
    return options;
}

// `verify`: the revision will be replayed, so a scratch database must stay:
// the declared SQL's, else one holding the script directory's head.
std::unique_ptr<Comparison> compare(const GlobalOptions& global, const AutogenOptions& given,
                                    bool verify) {
    auto c = std::make_unique<Comparison>();
    const auto selected = select_targets(global, Needs::scripts_only);
    c->target = resolve_target(selected, Needs::scripts_only);
    const auto& settings = selected.nearest_settings().autogen;
    const auto options = with_inventory(given, settings);
    c->scope.excluded = {c->target.settings.version_table, engine::runtime::HistoryTable::k_name};
    c->scope.filter = {settings.include, settings.exclude};
    c->like.scheme = dialect_of(options, c->target);

    // The declared side first: a schema that does not load stops everything
    // before the script directory is replayed.
    if (is_database_source(options.from)) {
        const auto url = DatabaseUrl::parse(options.from);
        if (url.scheme != c->like.scheme)
            throw UsageError(fmt::format("the declared schema is a {} database; the comparison "
                                         "is on {}",
                                         url.scheme, c->like.scheme));
        c->declared = read_declared_database(url, c->scope.excluded);
    } else {
        const auto files = declared_files(options.from);
        c->declared_db = std::make_unique<ScratchDatabase>(c->like, options.dev_url, "declared");
        auto loaded = load_declared_files(files, c->declared_db->url(), c->scope.excluded);
        c->declared = std::move(loaded.schema);
        c->renames = std::move(loaded.renames);
        if (!verify) c->declared_db.reset();
    }
    c->scope.narrow(c->declared);

    engine::command::Project project(c->target.script_location);
    if (!c->target.connect || (verify && !c->declared_db)) {
        c->head = std::make_unique<ScratchDatabase>(c->like, options.dev_url, "head");
        std::ostringstream quiet;
        engine::command::upgrade(scratch_target(c->head->url(), c->target.script_location,
                                                c->target.settings.version_table),
                                 project, "heads", false, quiet);
        c->current = c->scope.read(c->head->url());
        c->declared_db.reset(); // verification replays on the head's
    }
    if (c->target.connect) {
        // A database not there yet (a new SQLite file) is at base, and empty.
        const bool exists = !c->target.exists || c->target.exists();
        auto connection = exists ? c->target.connect() : nullptr;
        const engine::runtime::VersionTable table(c->target.settings.version_table,
                                                  c->target.settings.version_table_schema);
        if (!engine::command::at_heads(
                connection ? table.read_heads(*connection) : std::vector<std::string>{}, project))
            throw Error("Target database is not up to date.", ExitCode::failed);
        c->current = connection ? connection->read_schema(c->scope.excluded) : Schema{};
        c->scope.narrow(c->current);
    }
    c->upgrade = engine::autogen::diff_operations(c->current, c->declared, c->catalog(), c->renames,
                                                  &c->notes);
    return c;
}

// The scratch database after a replay of the new revision must hold
// `wanted`; after_upgrade says which replay it was, for the message.
void expect(const Comparison& c, const ScratchDatabase& scratch, const Schema& wanted,
            bool after_upgrade) {
    const auto missed = differences(c.scope.read(scratch.url()), wanted);
    if (missed.empty()) return;
    throw Error(after_upgrade
                    ? "autogenerate could not express every difference as portable operations "
                      "(after its upgrade, the replayed revision still differs):" +
                          missed + "\nNothing was written."
                    : "autogenerate could not write a downgrade that comes back (after it, the "
                      "schema still differs from the one compared with):" +
                          missed + "\nNothing was written.",
                ExitCode::failed);
}

// Replays the revision written into `copy` on a scratch database that is
// already there: the one holding the script directory's head (upgrade, then
// downgrade), or else the declared SQL's, stamped at the new revision
// (downgrade, then upgrade). The second saves a database and a replay of
// every earlier revision when a database is selected.
void verify(const Comparison& c, const fs::path& copy, const std::string& rev_id) {
    if (c.head) {
        const auto scratch = scratch_target(c.head->url(), copy, c.target.settings.version_table);
        replay(scratch, "upgrade", c.head->display_url());
        expect(c, *c.head, c.declared, true);
        replay(scratch, "downgrade", c.head->display_url());
        expect(c, *c.head, c.current, false);
        return;
    }
    const auto scratch =
        scratch_target(c.declared_db->url(), copy, c.target.settings.version_table);
    std::ostringstream quiet;
    engine::command::stamp(scratch, {rev_id}, false, false, quiet);
    replay(scratch, "downgrade", c.declared_db->display_url());
    expect(c, *c.declared_db, c.current, false);
    replay(scratch, "upgrade", c.declared_db->display_url());
    expect(c, *c.declared_db, c.declared, true);
}

} // namespace

int check(const GlobalOptions& global, const AutogenOptions& options, std::ostream& out) {
    // A format fleet cannot write is refused before any database is touched.
    const auto format = parse_output_format(
        global, "check", {OutputFormat::table, OutputFormat::json, OutputFormat::junit});
    const auto c = compare(global, options, false);
    if (format == OutputFormat::junit) {
        plugins::reporters::render_check_junit(
            c->upgrade, c->notes, c->target.name.empty() ? "scripts at head" : c->target.name, out);
        return c->upgrade.empty() ? 0 : static_cast<int>(ExitCode::out_of_sync);
    }
    if (format == OutputFormat::json) {
        const auto code = c->upgrade.empty() ? 0 : static_cast<int>(ExitCode::out_of_sync);
        plugins::reporters::render_check_json(c->upgrade, code, out);
        return code;
    }
    if (c->upgrade.empty()) {
        out << "No new upgrade operations detected.\n";
        return 0;
    }
    out << "New upgrade operations detected:\n"
        << engine::autogen::yaml_steps(c->upgrade, c->notes);
    return static_cast<int>(ExitCode::out_of_sync);
}

void write_autogenerated_revision(const GlobalOptions& global, const AutogenOptions& options,
                                  engine::command::NewRevision request, std::ostream& out) {
    const auto c = compare(global, options, true);
    if (c->upgrade.empty()) {
        out << "No changes in schema detected.\n";
        return;
    }
    request.format = "yaml";
    if (request.rev_id.empty()) request.rev_id = engine::script::new_revision_id();
    request.upgrade_body = engine::autogen::yaml_steps(c->upgrade, c->notes);
    request.downgrade_body = engine::autogen::yaml_steps(engine::autogen::diff_operations(
        c->declared, c->current, c->catalog(), engine::autogen::reversed(c->renames)));

    // Written first into a copy of the script directory and replayed on a
    // scratch database: only a revision that reaches the declared schema,
    // and comes back, is written for real.
    TempFolder copy_place;
    const fs::path copy = copy_place.path() / "scripts";
    fs::create_directories(copy / "versions");
    const fs::path versions = c->target.script_location / "versions";
    if (fs::is_directory(versions))
        for (const auto& entry : fs::directory_iterator(versions))
            if (entry.is_regular_file())
                fs::copy_file(entry.path(), copy / "versions" / entry.path().filename());
    auto copy_target = c->target;
    copy_target.script_location = copy;
    copy_target.connect = nullptr;
    const fs::path written = engine::command::revision(copy_target, request);

    verify(*c, copy, request.rev_id);
    const fs::path target_file = versions / written.filename();
    if (fs::exists(target_file))
        throw UsageError(fmt::format("{} already exists", target_file.string()));
    fs::copy_file(written, target_file);
    out << "Generating " << target_file.string() << " ...  done\n";
}

} // namespace fleet::orchestrator::autogen
