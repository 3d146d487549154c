#include "orchestrator/target_resolver.hpp"

#include "orchestrator/logging/log.hpp"
#include "orchestrator/only_failed.hpp"

#include "engine/error.hpp"
#include "engine/url/database_url.hpp"
#include "engine/util/text.hpp"
#include "inventory/config_source.hpp"
#include "inventory/inventory.hpp"
#include "inventory/selection.hpp"
#include "plugins/driver_registry.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>

namespace fleet::orchestrator {

namespace {

std::optional<std::string> given(const std::string& value) {
    return value.empty() ? std::nullopt : std::optional(value);
}

// libpq takes whole seconds: round up, so 500ms still bounds the wait (libpq
// then counts it as its minimum, 2s), and only an explicit 0 waits forever.
int whole_seconds(std::chrono::milliseconds duration) {
    return static_cast<int>((duration.count() + 999) / 1000);
}

// A target from a URL: connect() opens it, dialect renders for --sql.
void attach_database(engine::command::Target& target, const std::string& url_text,
                     const std::string& base_dir, const inventory::Settings& settings,
                     bool read_only) {
    auto url = engine::url::DatabaseUrl::parse(url_text, base_dir);
    target.dialect = &plugins::dialect_for(url);
    plugins::ConnectOptions options;
    options.schema = settings.schema.value_or("");
    options.read_only = read_only;
    options.connect_timeout_seconds = whole_seconds(settings.connection.connect_timeout);
    options.answer_timeout = settings.connection.answer_timeout;
    target.connect = [url, options] { return plugins::connect(url, options); };
    target.display_url = url.masked();
    target.exists = [url] { return plugins::driver_for(url).exists(url); };
}

// for_each: {query: ...} rows, read through the same drivers as migrations.
std::vector<std::string> run_registry_query(const std::string& url_text, const std::string& sql) {
    plugins::ConnectOptions options;
    options.read_only = true;
    auto connection = plugins::connect(engine::url::DatabaseUrl::parse(url_text), options);
    std::vector<std::string> values;
    for (const auto& row : connection->query(sql)) {
        if (!row.empty() && row[0]) values.push_back(*row[0]);
    }
    return values;
}

std::string listed(const std::vector<inventory::TargetSpec>& targets) {
    std::vector<std::string> names;
    for (const auto& t : targets)
        names.push_back(t.full_name());
    constexpr std::size_t k_shown = 8;
    return engine::util::name_list(names, k_shown);
}

} // namespace

Selected select_targets(const GlobalOptions& options, Needs needs) {
    // An explicit --url names the database outright; a ./fleet.yaml (or
    // $FLEET_CONFIG) lying around must not silently win over it.
    if (!options.url.empty() && !options.config.empty())
        throw UsageError("give either -c/--config or --url, not both");
    inventory::ConfigSource source;
    if (options.url.empty()) source = inventory::discover_config(given(options.config));
    Selected selected;
    if (!source.found()) {
        selected.script_location = options.script_location.empty()
                                       ? std::filesystem::path("migrations")
                                       : std::filesystem::path(options.script_location);
        selected.settings = inventory::default_settings({});
        selected.settings.script_location = selected.script_location;
        auto url = inventory::discover_url(given(options.url));
        if (url) {
            auto single = inventory::Inventory::from_url(*url, selected.script_location);
            selected.targets = single.targets();
            selected.environments = single.environment_names();
            if (!options.only_failed.empty()) {
                inventory::Selection selection{selected.targets, selected.environments, {}};
                narrow_to_failed(selection, single.targets(), options.only_failed);
                selected.targets = std::move(selection.targets);
            }
        } else if (needs != Needs::scripts_only) {
            throw UsageError(
                "no database: give --url or set DATABASE_URL, or write a fleet.yaml inventory");
        }
        return selected;
    }

    inventory::LoadOptions load;
    load.run_query = run_registry_query;
    load.check_url = [](const engine::url::DatabaseUrl& url) { (void)plugins::driver_for(url); };
    auto fleet = inventory::Inventory::load(source.path, load);
    selected.script_location = fleet.settings().script_location;
    selected.settings = fleet.settings();
    selected.environments = fleet.environment_names();
    inventory::SelectOptions select;
    select.environments = options.envs;
    select.names = options.names;
    if (!options.shard.empty()) select.shard = inventory::Shard::parse(options.shard);
    auto selection = inventory::select(fleet, select);
    if (!options.only_failed.empty())
        narrow_to_failed(selection, fleet.targets(), options.only_failed);
    if (needs == Needs::changes) {
        if (auto refusal = inventory::unnamed_environments_error(selection))
            throw UsageError(*refusal);
    }
    selected.targets = std::move(selection.targets);
    return selected;
}

engine::command::Target command_target(const inventory::TargetSpec& chosen, Needs needs) {
    engine::command::Target target;
    target.name = chosen.full_name();
    const auto& settings = chosen.settings;
    target.script_location = settings.script_location;
    target.settings.version_table = settings.version_table;
    target.settings.version_table_schema = settings.version_table_schema.value_or("");
    target.settings.transaction_per_migration = settings.transaction_per_migration;
    target.settings.lock_timeout = settings.lock.timeout;
    target.settings.statement_lock_timeout = settings.lock.statement_lock_timeout;
    target.settings.lock_retries = settings.lock.retries;
    attach_database(target, chosen.url_text, chosen.base_dir.string(), settings,
                    needs == Needs::database);
    return target;
}

namespace {

engine::command::Target resolve(const Selected& selected, Needs needs) {
    if (selected.targets.size() == 1) return command_target(selected.targets.front(), needs);
    if (needs == Needs::scripts_only) {
        // Commands on the script directory alone need no database choice.
        engine::command::Target target;
        target.script_location = selected.script_location;
        return target;
    }
    if (selected.targets.empty()) throw UsageError("the selection holds no database");
    throw UsageError(fmt::format("{} databases selected ({}); choose one with -n ENV/DATABASE",
                                 selected.targets.size(), listed(selected.targets)));
}

} // namespace

engine::command::Target resolve_target(const GlobalOptions& options, Needs needs) {
    return resolve_target(select_targets(options, needs), needs);
}

engine::command::Target resolve_target(const Selected& selected, Needs needs) {
    auto target = resolve(selected, needs);
    // Progress goes to stderr, as Alembic's logging does, so stdout stays the
    // command's output (offline SQL, reports) alone.
    target.settings.on_event = [](const engine::runtime::StepEvent& event) {
        if (auto line = engine::runtime::log_line(event); !line.empty()) {
            logging::write(
                {.event = "step_" + std::string(engine::runtime::to_string(event.kind)),
                 .message = line,
                 .text = "INFO  [fleet] " + line,
                 .fields = {{"revision", event.revision}, {"step", std::int64_t{event.number}}}});
        }
    };
    return target;
}

} // namespace fleet::orchestrator
