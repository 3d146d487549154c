#include "inventory/inventory.hpp"

#include "engine/error.hpp"
#include "tests/inventory/inventory_test_support.hpp"

#include <doctest/doctest.h>

using namespace fleet::inventory;
using namespace fleet::inventory::testing;
using namespace std::chrono_literals;

namespace {

// INTERFACE.md's example, word for word.
const std::string k_interface_example =
    R"(script_location: migrations          # relative to this file
version_table: alembic_version       # default; any target may override
version_table_schema: null           # PostgreSQL schema of the version table
transaction_per_migration: false
rollout:                             # defaults for every environment
  concurrency: 4                     # targets worked on at once
  per_host: 2                        # at most this many at once on one server
  canary: 1                          # targets done alone first
  batch: 10                          # or "10%", or a list like Ansible's serial: [1, 5, "25%"]
  max_failures: 0                    # or "5%": more than this halts the rollout
  pause: 0s                          # wait between batches
lock:
  timeout: 30s                       # wait for another run's migration lock
  statement_lock_timeout: 5s         # PostgreSQL lock_timeout for each DDL step
  retries: 3                         # retries of a step that hit lock_timeout
environments:
  dev:
    databases:
      - name: app
        url: sqlite:///dev/app.db
  staging:
    rollout: {concurrency: 8}
    databases:
      - name: core
        url: postgresql://app@localhost/core_staging
      - name: tenant-{tenant}        # one target per value
        url: postgresql://app@localhost/t_{tenant}
        for_each: {tenant: [acme, globex, initech]}
      - name: shard-{file}
        url: sqlite:///shards/{file}
        for_each: {file: {glob: "shards/*.db"}}
      - name: t-{slug}               # tenants from a registry database
        url: postgresql://app@localhost/app
        schema: t_{slug}             # PostgreSQL search_path for this target
        version_table_schema: t_{slug}
        for_each: {slug: {query: "SELECT slug FROM tenants", url: "${REGISTRY_URL}"}}
)";

const std::string k_one_database = R"(environments:
  dev:
    databases:
      - name: app
        url: sqlite:///app.db
)";

} // namespace

TEST_CASE("INTERFACE.md's example inventory loads into its targets in inventory order") {
    InventoryFiles files(
        Variables{{"REGISTRY_URL", "postgresql://registry:s3cret@registry.internal/tenants"}});
    files.dir().write("shards/b.db", "");
    files.dir().write("shards/a.db", "");
    files.dir().write("shards/notes.txt", "");
    std::vector<std::pair<std::string, std::string>> queries;
    auto run_query = [&](const std::string& url, const std::string& sql) {
        queries.emplace_back(url, sql);
        return std::vector<std::string>{"zeta", "alpha"};
    };

    Inventory inventory = files.load(k_interface_example, run_query);

    CHECK(inventory.environment_names() == std::vector<std::string>{"dev", "staging"});
    CHECK(full_names(inventory.targets()) ==
          std::vector<std::string>{"dev/app", "staging/core", "staging/tenant-acme",
                                   "staging/tenant-globex", "staging/tenant-initech",
                                   "staging/shard-a.db", "staging/shard-b.db", "staging/t-alpha",
                                   "staging/t-zeta"});
    REQUIRE(queries.size() == 1);
    CHECK(queries[0].first == "postgresql://registry:s3cret@registry.internal/tenants");
    CHECK(queries[0].second == "SELECT slug FROM tenants");

    const Environment& staging = inventory.environments()[1];
    CHECK(staging.settings.rollout.concurrency == 8);
    CHECK(staging.line == 21);
    CHECK(inventory.environments()[0].settings.rollout.concurrency == 4);

    const TargetSpec& acme = staging.databases[1];
    CHECK(acme.url_text == "postgresql://app@localhost/t_acme");
    CHECK(acme.line == 26);
    CHECK(acme.settings.rollout.concurrency == 8);
    CHECK(acme.settings.rollout.per_host == 2);
    CHECK(acme.settings.script_location == files.dir().path() / "migrations");

    const TargetSpec& shard = staging.databases[4];
    CHECK(shard.url_text == "sqlite:///shards/a.db");
    CHECK(shard.base_dir == files.dir().path());

    const TargetSpec& alpha = staging.databases[6];
    CHECK(alpha.url_text == "postgresql://app@localhost/app");
    CHECK(alpha.settings.schema == std::optional<std::string>("t_alpha"));
    CHECK(alpha.settings.version_table_schema == std::optional<std::string>("t_alpha"));
    CHECK_FALSE(staging.databases[0].settings.schema.has_value());
}

TEST_CASE("a target knows where it came from") {
    InventoryFiles files;
    Inventory inventory = files.load(k_one_database);
    const std::vector<TargetSpec> targets = inventory.targets();
    REQUIRE(targets.size() == 1);
    const TargetSpec& app = targets.front();
    CHECK(app.environment == "dev");
    CHECK(app.name == "app");
    CHECK(app.full_name() == "dev/app");
    CHECK(app.url_text == "sqlite:///app.db");
    CHECK(app.file == files.file());
    CHECK(app.line == 4);
    CHECK(app.base_dir == files.dir().path());
    CHECK(inventory.file() == files.file());
    CHECK(inventory.base_dir() == files.dir().path());
    REQUIRE(inventory.environments().size() == 1);
    CHECK(inventory.environments().front().name == "dev");
}

TEST_CASE("an inventory given by a relative path resolves paths against its own folder") {
    InventoryFiles files;
    files.dir().write("fleet.yaml", k_one_database);
    LoadOptions options;
    options.env = env_of({});
    std::optional<Inventory> loaded;
    {
        CurrentDirectory inside(files.dir().path());
        loaded = Inventory::load("fleet.yaml", options);
    }
    const Inventory& inventory = *loaded;

    CHECK(inventory.file() == "fleet.yaml");
    CHECK(std::filesystem::equivalent(inventory.base_dir(), files.dir().path()));
    CHECK(inventory.base_dir().is_absolute());
    CHECK(inventory.settings().script_location == inventory.base_dir() / "migrations");
}

TEST_CASE("every settings key is read at the top, on an environment and on a database") {
    InventoryFiles files;
    Inventory inventory = files.load(R"(script_location: db/migrations
version_table: top_version
version_table_schema: ops
transaction_per_migration: true
schema: app
rollout:
  concurrency: 16
  per_host: 3
  canary: 2
  batch: [1, 5, "25%"]
  max_failures: "5%"
  pause: 1m
lock:
  timeout: 2m
  statement_lock_timeout: 500ms
  retries: 0
connection:
  connect_timeout: 3s
  answer_timeout: 10m
environments:
  production:
    version_table: env_version
    rollout: {concurrency: 8, pause: 10s}
    lock: {retries: 5}
    connection: {connect_timeout: 20s}
    databases:
      - name: plain
        url: postgresql://app@db1/plain
      - name: special
        url: postgresql://app@db2/special
        script_location: /opt/special
        version_table: special_version
        version_table_schema: null
        transaction_per_migration: no
        schema: special
        rollout: {concurrency: 2, per_host: 1, canary: 0, batch: 50%, max_failures: 3}
        lock: {timeout: 5, statement_lock_timeout: 1.5}
        connection: {answer_timeout: 0}
)");

    SUBCASE("the top level") {
        const Settings& top = inventory.settings();
        CHECK(top.script_location == files.dir().path() / "db/migrations");
        CHECK(top.version_table == "top_version");
        CHECK(top.version_table_schema == std::optional<std::string>("ops"));
        CHECK(top.transaction_per_migration);
        CHECK(top.schema == std::optional<std::string>("app"));
        CHECK(top.rollout.concurrency == 16);
        CHECK(top.rollout.per_host == 3);
        CHECK(top.rollout.canary == 2);
        CHECK(top.rollout.batch ==
              std::vector<Amount>{Amount::count(1), Amount::count(5), Amount::percent(25)});
        CHECK(top.rollout.max_failures == Amount::percent(5));
        CHECK(top.rollout.pause == 1min);
        CHECK(top.lock.timeout == 2min);
        CHECK(top.lock.statement_lock_timeout == 500ms);
        CHECK(top.lock.retries == 0);
        CHECK(top.connection.connect_timeout == 3s);
        CHECK(top.connection.answer_timeout == 10min);
    }
    SUBCASE("the environment wins over the top, field by field") {
        const Settings& plain = inventory.environments()[0].databases[0].settings;
        CHECK(plain.script_location == files.dir().path() / "db/migrations");
        CHECK(plain.version_table == "env_version");
        CHECK(plain.version_table_schema == std::optional<std::string>("ops"));
        CHECK(plain.transaction_per_migration);
        CHECK(plain.schema == std::optional<std::string>("app"));
        CHECK(plain.rollout.concurrency == 8);
        CHECK(plain.rollout.per_host == 3);
        CHECK(plain.rollout.canary == 2);
        CHECK(plain.rollout.batch.size() == 3);
        CHECK(plain.rollout.pause == 10s);
        CHECK(plain.lock.timeout == 2min);
        CHECK(plain.lock.retries == 5);
        CHECK(plain.connection.connect_timeout == 20s);
        CHECK(plain.connection.answer_timeout == 10min);
        CHECK(inventory.environments()[0].settings == plain);
    }
    SUBCASE("the database wins over both") {
        const Settings& special = inventory.environments()[0].databases[1].settings;
        CHECK(special.script_location == "/opt/special");
        CHECK(special.version_table == "special_version");
        CHECK_FALSE(special.version_table_schema.has_value());
        CHECK_FALSE(special.transaction_per_migration);
        CHECK(special.schema == std::optional<std::string>("special"));
        CHECK(special.rollout.concurrency == 2);
        CHECK(special.rollout.per_host == 1);
        CHECK(special.rollout.canary == 0);
        CHECK(special.rollout.batch == std::vector<Amount>{Amount::percent(50)});
        CHECK(special.rollout.max_failures == Amount::count(3));
        CHECK(special.rollout.pause == 10s);
        CHECK(special.lock.timeout == 5s);
        CHECK(special.lock.statement_lock_timeout == 1500ms);
        CHECK(special.lock.retries == 5);
        CHECK(special.connection.connect_timeout == 20s);
        CHECK(special.connection.answer_timeout == 0ms);
    }
}

TEST_CASE("a target's URL resolves a relative SQLite path against the inventory's folder") {
    InventoryFiles files;
    Inventory inventory = files.load(k_one_database);
    fleet::engine::url::DatabaseUrl url = inventory.targets().front().database_url();
    CHECK(url.scheme == "sqlite");
    CHECK(url.database == (files.dir().path() / "app.db").string());
}

TEST_CASE("Inventory::parse reads text as load reads a file, against the folder given") {
    Inventory inventory = Inventory::parse(k_one_database, "fleet.yaml", "/srv/fleet");
    CHECK(inventory.file() == "fleet.yaml");
    CHECK(inventory.targets().front().database_url().database == "/srv/fleet/app.db");
    try {
        (void)Inventory::parse("environments: [", "given.yaml", "/srv/fleet");
        FAIL("bad YAML was accepted");
    } catch (const fleet::InputError& error) {
        CHECK(std::string(error.what()) ==
              "given.yaml:1: invalid YAML: end of sequence flow not found");
    }
}

TEST_CASE("an inventory holds one YAML document: a second is an error at its line") {
    InventoryFiles files;
    // Silently reading the first document only would drop the second's
    // environments: a rollout that misses databases without a word.
    CHECK_LOAD_ERROR(files,
                     "environments:\n  dev:\n    databases: []\n---\n"
                     "environments:\n  prod:\n    databases: []\n",
                     files.at(5, "more than one YAML document; an inventory holds one"));
    CHECK_LOAD_ERROR(files, "environments: {dev: {databases: []}}\n---\n# only a comment\n---\n",
                     files.at(4, "more than one YAML document; an inventory holds one"));
    SUBCASE("a '---' before the one document is fine") {
        Inventory inventory = files.load("---\nenvironments: {dev: {databases: []}}\n");
        CHECK(inventory.environment_names() == std::vector<std::string>{"dev"});
    }
    SUBCASE("a stray ',' where a document starts is invalid YAML, not a hang") {
        CHECK_LOAD_ERROR(files, "environments: {dev: {databases: []}}\n---\n,\n",
                         files.at(3, "more than one YAML document; an inventory holds one"));
        CHECK_LOAD_ERROR(files, ",\n", files.at(1, "invalid YAML: no YAML node can start here"));
    }
}

TEST_CASE("YAML anchors and aliases share a value between levels") {
    InventoryFiles files;
    Inventory inventory = files.load(R"(environments:
  staging:
    rollout: &careful {concurrency: 1, pause: 30s}
    databases: [{name: a, url: "sqlite:///a.db"}]
  production:
    rollout: *careful
    databases: [{name: a, url: "sqlite:///a.db"}]
)");
    const Settings& production = inventory.environments()[1].settings;
    CHECK(production.rollout.concurrency == 1);
    CHECK(production.rollout.pause == 30s);
}

TEST_CASE("unset keys take INTERFACE.md's defaults") {
    InventoryFiles files;
    Inventory inventory = files.load(k_one_database);
    CHECK(inventory.targets().front().settings == default_settings(files.dir().path()));
}

TEST_CASE("environment variables are expanded in every value, numbers and booleans too") {
    InventoryFiles files(Variables{{"CONCURRENCY", "9"}, {"DB_PASSWORD", "pa$$word"}});
    Inventory inventory =
        files.load(R"(rollout: {concurrency: "${CONCURRENCY:-6}", canary: "${CANARY:-0}"}
transaction_per_migration: ${TPM:-true}
environments:
  dev:
    databases:
      - name: app
        url: postgresql://app:${DB_PASSWORD}@localhost/app
        schema: ${SCHEMA:-}
)");
    const TargetSpec app = inventory.targets().front();
    CHECK(app.settings.rollout.concurrency == 9);
    CHECK(app.settings.rollout.canary == 0);
    CHECK(app.settings.transaction_per_migration);
    CHECK(app.url_text == "postgresql://app:pa$$word@localhost/app");
    CHECK_FALSE(app.settings.schema.has_value());

    SUBCASE("an unset variable names file, line and variable") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: app
        url: ${DEV_URL}
)",
                         files.at(5, "environment variable 'DEV_URL' is not set"));
    }
}

TEST_CASE("environments and databases keep the inventory's order") {
    InventoryFiles files;
    Inventory inventory = files.load(R"(environments:
  zeta:
    databases:
      - {name: b, url: "sqlite:///b.db"}
      - {name: a, url: "sqlite:///a.db"}
  alpha:
    databases: []
  mid:
    databases:
      - {name: a, url: "sqlite:///a.db"}
)");
    CHECK(inventory.environment_names() == std::vector<std::string>{"zeta", "alpha", "mid"});
    CHECK(full_names(inventory.targets()) == std::vector<std::string>{"zeta/b", "zeta/a", "mid/a"});
    CHECK(inventory.environments()[1].databases.empty());
}

TEST_CASE("without an inventory, --url makes the one target default/default") {
    Inventory inventory = Inventory::from_url("sqlite:///app.db", "db/migrations");
    const std::vector<TargetSpec> targets = inventory.targets();
    REQUIRE(targets.size() == 1);
    const TargetSpec& target = targets.front();
    CHECK(target.full_name() == "default/default");
    CHECK(target.url_text == "sqlite:///app.db");
    CHECK(target.base_dir.empty());
    CHECK(target.settings.script_location == "db/migrations");
    CHECK(target.settings.version_table == "alembic_version");
    CHECK(inventory.file().empty());

    SUBCASE("the script location defaults to ./migrations") {
        CHECK(Inventory::from_url("sqlite:///app.db", {})
                  .targets()
                  .front()
                  .settings.script_location == "migrations");
    }
    SUBCASE("a bad URL is a usage error") {
        CHECK_THROWS_AS(Inventory::from_url("nonsense", {}), fleet::UsageError);
    }
}

TEST_CASE("autogenerate's keys: desired_schema and dev_url, include and exclude patterns") {
    InventoryFiles files;
    Inventory inventory = files.load(R"(desired_schema: schema/
dev_url: postgresql://dev@localhost/postgres
exclude: "tmp_*"
environments:
  dev:
    include: [orders, "order_*"]
    databases:
      - name: app
        url: sqlite:///app.db
      - name: models
        url: sqlite:///models.db
        desired_schema: sqlite:///models_made_by_create_all.db
        dev_url: null
        exclude: []
)");
    const Settings& top = inventory.settings();
    CHECK(top.autogen.desired_schema == (files.dir().path() / "schema/").string());
    CHECK(top.autogen.dev_url == std::optional<std::string>("postgresql://dev@localhost/postgres"));
    CHECK(top.autogen.include.empty());
    CHECK(top.autogen.exclude == std::vector<std::string>{"tmp_*"});

    const auto targets = inventory.targets();
    const auto& app = targets.at(0).settings.autogen;
    CHECK(app.desired_schema == top.autogen.desired_schema);
    CHECK(app.include == std::vector<std::string>{"orders", "order_*"});
    CHECK(app.exclude == std::vector<std::string>{"tmp_*"});

    // A URL is kept as written; `null` undoes the level above; an empty
    // list too.
    const auto& models = targets.at(1).settings.autogen;
    CHECK(models.desired_schema ==
          std::optional<std::string>("sqlite:///models_made_by_create_all.db"));
    CHECK_FALSE(models.dev_url.has_value());
    CHECK(models.exclude.empty());
}

TEST_CASE("lint's keys: fail_on and ignore, nearest wins") {
    InventoryFiles files;
    Inventory inventory = files.load(R"(lint: {fail_on: warning, ignore: [rename-column]}
environments:
  prod:
    databases:
      - name: app
        url: sqlite:///app.db
      - name: legacy
        url: sqlite:///legacy.db
        lint: {fail_on: error, ignore: []}
)");
    CHECK(inventory.settings().lint.fail_on == "warning");
    CHECK(inventory.settings().lint.ignore == std::vector<std::string>{"rename-column"});
    const auto targets = inventory.targets();
    CHECK(targets.at(0).settings.lint.fail_on == "warning");
    CHECK(targets.at(0).settings.lint.ignore == std::vector<std::string>{"rename-column"});
    CHECK(targets.at(1).settings.lint.fail_on == "error");
    CHECK(targets.at(1).settings.lint.ignore.empty());
    // Without the key: errors fail, nothing is ignored.
    Inventory plain = files.load("environments: {dev: {databases: []}}\n");
    CHECK(plain.settings().lint.fail_on == "error");
    CHECK(plain.settings().lint.ignore.empty());
}

TEST_CASE("notify entries: webhooks and commands, the whole list from the nearest level") {
    InventoryFiles files(Variables{{"HOOK_SECRET", "s3cret-value"}});
    Inventory inventory = files.load(R"(notify:
  - webhook: https://hooks.example.com/fleet
    secret: ${HOOK_SECRET}
    events: [rollout_started, rollout_finished]
  - command: [./page-oncall, --severity, high]
    events: [target_failed]
environments:
  prod:
    databases:
      - name: app
        url: sqlite:///app.db
      - name: quiet
        url: sqlite:///quiet.db
        notify: []
  staging:
    notify:
      - webhook: http://127.0.0.1:8080/hook
    databases:
      - name: app
        url: sqlite:///staging.db
)");
    const auto& top = inventory.settings().notify;
    REQUIRE(top.size() == 2);
    CHECK(top[0].webhook == "https://hooks.example.com/fleet");
    CHECK(top[0].secret == "s3cret-value");
    CHECK(top[0].command.empty());
    CHECK(top[0].events == std::vector<std::string>{"rollout_started", "rollout_finished"});
    CHECK(top[1].webhook.empty());
    CHECK(top[1].secret.empty());
    CHECK(top[1].command == std::vector<std::string>{"./page-oncall", "--severity", "high"});
    CHECK(top[1].events == std::vector<std::string>{"target_failed"});
    // A command runs in the inventory's folder, as relative paths there mean.
    CHECK(top[1].working_dir == files.dir().path());

    const auto targets = inventory.targets();
    CHECK(targets.at(0).settings.notify == top);
    CHECK(targets.at(1).settings.notify.empty()); // `notify: []` silences a database
    REQUIRE(targets.at(2).settings.notify.size() == 1);
    // Without `events`, an entry hears every event.
    CHECK(targets.at(2).settings.notify[0].events ==
          std::vector<std::string>{"rollout_started", "target_failed", "rollout_halted",
                                   "rollout_finished"});
    CHECK(targets.at(2).settings.notify[0].secret.empty());

    Inventory plain = files.load("environments: {dev: {databases: []}}\n");
    CHECK(plain.settings().notify.empty());
}
