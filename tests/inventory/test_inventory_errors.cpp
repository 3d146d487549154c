#include "inventory/inventory.hpp"

#include "engine/error.hpp"
#include "tests/inventory/inventory_test_support.hpp"

#include <doctest/doctest.h>

using namespace fleet::inventory;
using namespace fleet::inventory::testing;
using namespace std::chrono_literals;

// Bad inventories: every error names the file, the line and what is wrong.

TEST_CASE("unknown keys are errors naming file, line, key and place") {
    InventoryFiles files;
    SUBCASE("at the top") {
        CHECK_LOAD_ERROR(files, "environments: {dev: {databases: []}}\nconcurency: 3\n",
                         files.at(2, "unknown key 'concurency' in the top level"));
        CHECK_LOAD_ERROR(files, "script_locaton: x\nenvironments: {dev: {databases: []}}\n",
                         files.at(1, "unknown key 'script_locaton' in the top level (did you "
                                     "mean 'script_location'?)"));
    }
    SUBCASE("in an environment") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    database: []
)",
                         files.at(3, "unknown key 'database' in environment 'dev' (did you mean "
                                     "'databases'?)"));
    }
    SUBCASE("in a database") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: app
        url: sqlite:///app.db
        urls: x
)",
                         files.at(6, "unknown key 'urls' in database 'app' of environment 'dev' "
                                     "(did you mean 'url'?)"));
    }
    SUBCASE("in rollout and lock") {
        CHECK_LOAD_ERROR(files, R"(environments:
  staging:
    rollout: {concurency: 8}
    databases: []
)",
                         files.at(3, "unknown key 'concurency' in 'rollout' of environment "
                                     "'staging' (did you mean 'concurrency'?)"));
        CHECK_LOAD_ERROR(files, "lock:\n  retires: 2\nenvironments: {dev: {databases: []}}\n",
                         files.at(2, "unknown key 'retires' in 'lock' of the top level (did you "
                                     "mean 'retries'?)"));
        CHECK_LOAD_ERROR(
            files, "connection:\n  conect_timeout: 2s\nenvironments: {dev: {databases: []}}\n",
            files.at(2, "unknown key 'conect_timeout' in 'connection' of the top level "
                        "(did you mean 'connect_timeout'?)"));
        CHECK_LOAD_ERROR(files, "lint:\n  fail-on: error\nenvironments: {dev: {databases: []}}\n",
                         files.at(2, "unknown key 'fail-on' in 'lint' of the top level (did you "
                                     "mean 'fail_on'?)"));
        CHECK_LOAD_ERROR(files, "lint: {fail_on: never}\nenvironments: {dev: {databases: []}}\n",
                         files.at(1, "'lint.fail_on' must be error or warning, not 'never'"));
    }
    SUBCASE("environments is not a key of an environment or a database") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    environments: {}
    databases: []
)",
                         files.at(3, "unknown key 'environments' in environment 'dev'"));
    }
}

TEST_CASE("the shape of the inventory is checked") {
    InventoryFiles files;
    SUBCASE("environments is required") {
        CHECK_LOAD_ERROR(files, "version_table: v\n",
                         files.whole("missing 'environments': the inventory names no databases"));
    }
    SUBCASE("an empty file is no inventory") {
        CHECK_LOAD_ERROR(files, "# nothing yet\n",
                         files.whole("the inventory is empty: it needs an 'environments' mapping"));
    }
    SUBCASE("the top is a mapping") {
        CHECK_LOAD_ERROR(files, "- dev\n",
                         files.at(1, "the inventory must be a mapping with an 'environments' "
                                     "key, not a list"));
    }
    SUBCASE("environments is a non-empty mapping") {
        CHECK_LOAD_ERROR(files, "environments: [dev]\n",
                         files.at(1, "'environments' must be a mapping, not a list"));
        CHECK_LOAD_ERROR(files, "environments: {}\n",
                         files.at(1, "'environments' must name at least one environment"));
    }
    SUBCASE("an environment has databases") {
        CHECK_LOAD_ERROR(files, "environments:\n  dev:\n    version_table: v\n",
                         files.at(2, "environment 'dev' has no 'databases'"));
        CHECK_LOAD_ERROR(files, "environments:\n  dev: [a]\n",
                         files.at(2, "environment 'dev' must be a mapping, not a list"));
        CHECK_LOAD_ERROR(files, "environments:\n  dev:\n    databases: {name: a}\n",
                         files.at(3, "'databases' of environment 'dev' must be a list, not a "
                                     "mapping"));
    }
    SUBCASE("an empty value is reported at its key's line") {
        CHECK_LOAD_ERROR(files, "environments:\n  dev:\n\n# later\n",
                         files.at(2, "environment 'dev' must be a mapping, not empty"));
        CHECK_LOAD_ERROR(files, "environments:\n  dev:\n    databases:\n\n",
                         files.at(3, "'databases' of environment 'dev' must be a list, not empty"));
        CHECK_LOAD_ERROR(files, "rollout:\nenvironments: {dev: {databases: []}}\n",
                         files.at(1, "'rollout' must be a mapping, not empty"));
    }
    SUBCASE("a database is a mapping with a name and a url") {
        CHECK_LOAD_ERROR(files, "environments:\n  dev:\n    databases:\n      - app\n",
                         files.at(4, "database #1 of environment 'dev' must be a mapping with "
                                     "'name' and 'url', not a single value"));
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: app
        url: sqlite:///app.db
      - url: sqlite:///other.db
)",
                         files.at(6, "database #2 of environment 'dev' has no 'name'"));
        CHECK_LOAD_ERROR(files, "environments:\n  dev:\n    databases:\n      - name: app\n",
                         files.at(4, "database 'app' of environment 'dev' has no 'url'"));
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: [app]
        url: sqlite:///app.db
)",
                         files.at(4, "'name' must be a single value, not a list"));
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: app
        url:
)",
                         files.at(5, "'url' must not be empty"));
    }
    SUBCASE("a key appears once") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases: []
    databases: []
)",
                         files.at(4, "duplicate key 'databases' in environment 'dev' (first on "
                                     "line 3)"));
    }
}

TEST_CASE("names are unique within an environment and usable in ENV/NAME") {
    InventoryFiles files;
    SUBCASE("a duplicate name points at both lines") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: app
        url: sqlite:///a.db
      - name: app
        url: sqlite:///b.db
)",
                         files.at(6, "duplicate database 'app' in environment 'dev' (first on "
                                     "line 4)"));
    }
    SUBCASE("the same name in two environments is fine") {
        Inventory inventory = files.load(R"(environments:
  dev:
    databases: [{name: app, url: "sqlite:///a.db"}]
  prod:
    databases: [{name: app, url: "sqlite:///b.db"}]
)");
        CHECK(full_names(inventory.targets()) == std::vector<std::string>{"dev/app", "prod/app"});
    }
    SUBCASE("a name holds no '/'") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: a/b
        url: sqlite:///a.db
)",
                         files.at(4, "database name 'a/b' must be non-empty and without '/' (a "
                                     "target's full name is ENV/NAME)"));
        CHECK_LOAD_ERROR(files, "environments:\n  dev/eu:\n    databases: []\n",
                         files.at(2, "environment name 'dev/eu' must be non-empty and without "
                                     "'/' (a target's full name is ENV/NAME)"));
    }
}

TEST_CASE("values of the wrong type or out of range are errors") {
    InventoryFiles files;
    auto top = [](const std::string& line) {
        return line + "\nenvironments: {dev: {databases: []}}\n";
    };
    CHECK_LOAD_ERROR(files, top("rollout: {concurrency: abc}"),
                     files.at(1, "'rollout.concurrency' must be a whole number of at least 1, "
                                 "not 'abc'"));
    CHECK_LOAD_ERROR(files, top("rollout: {concurrency: 0}"),
                     files.at(1, "'rollout.concurrency' must be a whole number of at least 1, "
                                 "not '0'"));
    CHECK_LOAD_ERROR(files, top("rollout: {per_host: 1.5}"),
                     files.at(1, "'rollout.per_host' must be a whole number of at least 1, "
                                 "not '1.5'"));
    CHECK_LOAD_ERROR(files, top("rollout: {canary: -1}"),
                     files.at(1, "'rollout.canary' must be a whole number of at least 0, not "
                                 "'-1'"));
    CHECK_LOAD_ERROR(files, top("rollout: {batch: 0}"),
                     files.at(1, "'rollout.batch' must be a count of at least 1, a percentage "
                                 "from 1% to 100%, or a list of them, not '0'"));
    CHECK_LOAD_ERROR(files, top("rollout: {batch: [1, \"150%\"]}"),
                     files.at(1, "'rollout.batch' must be a count of at least 1, a percentage "
                                 "from 1% to 100%, or a list of them, not '150%'"));
    CHECK_LOAD_ERROR(files, top("rollout: {batch: []}"),
                     files.at(1, "'rollout.batch' must not be an empty list"));
    CHECK_LOAD_ERROR(files, top("rollout: {max_failures: 101%}"),
                     files.at(1, "'rollout.max_failures' must be a count or a percentage from "
                                 "0% to 100%, not '101%'"));
    CHECK_LOAD_ERROR(files, top("rollout: {pause: 5x}"),
                     files.at(1, "'rollout.pause' must be a duration like 500ms, 5s, 2m or 1h, "
                                 "or a number of seconds, not '5x'"));
    CHECK_LOAD_ERROR(files, top("lock: {timeout: -1s}"),
                     files.at(1, "'lock.timeout' must be a duration like 500ms, 5s, 2m or 1h, "
                                 "or a number of seconds, not '-1s'"));
    CHECK_LOAD_ERROR(files, top("lock: {statement_lock_timeout: soon}"),
                     files.at(1, "'lock.statement_lock_timeout' must be a duration like 500ms, "
                                 "5s, 2m or 1h, or a number of seconds, not 'soon'"));
    CHECK_LOAD_ERROR(files, top("connection: {connect_timeout: forever}"),
                     files.at(1, "'connection.connect_timeout' must be a duration like 500ms, "
                                 "5s, 2m or 1h, or a number of seconds, not 'forever'"));
    CHECK_LOAD_ERROR(files, top("connection: {answer_timeout: -2s}"),
                     files.at(1, "'connection.answer_timeout' must be a duration like 500ms, "
                                 "5s, 2m or 1h, or a number of seconds, not '-2s'"));
    CHECK_LOAD_ERROR(files, top("lock: {retries: many}"),
                     files.at(1, "'lock.retries' must be a whole number of at least 0, not "
                                 "'many'"));
    CHECK_LOAD_ERROR(files, top("transaction_per_migration: maybe"),
                     files.at(1, "'transaction_per_migration' must be true or false, not "
                                 "'maybe'"));
    CHECK_LOAD_ERROR(files, top("rollout: [1]"),
                     files.at(1, "'rollout' must be a mapping, not a list"));
    CHECK_LOAD_ERROR(files, top("lock: 30s"),
                     files.at(1, "'lock' must be a mapping, not a single value"));
    CHECK_LOAD_ERROR(files, top("version_table: \"\""),
                     files.at(1, "'version_table' must not be empty"));
    CHECK_LOAD_ERROR(files, top("version_table:"),
                     files.at(1, "'version_table' must not be empty"));
    CHECK_LOAD_ERROR(files, top("script_location: {a: b}"),
                     files.at(1, "'script_location' must be a single value, not a mapping"));
    CHECK_LOAD_ERROR(files, top("schema: [a, b]"),
                     files.at(1, "'schema' must be a single value, not a list"));

    SUBCASE("the same checks apply on a database") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: app
        url: sqlite:///app.db
        rollout:
          pause: 1d
)",
                         files.at(7, "'rollout.pause' must be a duration like 500ms, 5s, 2m or "
                                     "1h, or a number of seconds, not '1d'"));
    }
}

TEST_CASE("YAML syntax errors become input errors with the parser's line") {
    InventoryFiles files;
    CHECK_LOAD_ERROR(files, "environments:\n  dev: {databases: [\n",
                     files.at(3, "invalid YAML: end of sequence flow not found"));
    CHECK_LOAD_ERROR(files, "environments:\n  dev:\n    databases: []\n   bad: [\n",
                     files.at(4, "invalid YAML: end of map not found"));
}

TEST_CASE("a URL of a database fleet does not know is an input error at its line, password "
          "masked") {
    InventoryFiles files;
    files.dir().write("fleet.yaml", R"(environments:
  dev:
    databases:
      - name: app
        url: mysql://app:s3cret@localhost/app
)");
    LoadOptions options;
    options.env = env_of({});
    // What the orchestrator passes: the drivers' registry's verdict.
    options.check_url = [](const fleet::engine::url::DatabaseUrl& url) {
        if (url.scheme != "sqlite" && url.scheme != "postgresql")
            throw fleet::UsageError("invalid database URL '" + url.masked() + "': unknown scheme");
    };
    try {
        (void)Inventory::load(files.file(), options);
        FAIL("the URL was accepted");
    } catch (const fleet::InputError& error) {
        std::string message = error.what();
        CHECK(message.starts_with(
            files.at(5, "invalid database URL 'mysql://app:***@localhost/app'")));
        CHECK(message.find("s3cret") == std::string::npos);
        CHECK(error.line() == 5);
        CHECK(error.file() == files.file());
    }
}

TEST_CASE("an inventory that cannot be read is an input error") {
    TempDir dir;
    LoadOptions options;
    const std::string missing = (dir.path() / "missing.yaml").string();
    CHECK_THROWS_WITH_AS(Inventory::load(missing, options),
                         (missing + ": the inventory does not exist").c_str(), fleet::InputError);
    const std::string folder = dir.path().string();
    CHECK_THROWS_WITH_AS(Inventory::load(folder, options),
                         (folder + ": the inventory is a folder, not a file").c_str(),
                         fleet::InputError);
}

TEST_CASE("an empty include or exclude pattern is an error at its line") {
    InventoryFiles files;
    CHECK_LOAD_ERROR(files, "exclude: [tmp_*, '']\nenvironments: {dev: {databases: []}}\n",
                     files.at(1, "'exclude' must not be empty"));
    CHECK_LOAD_ERROR(files, "environments: {dev: {databases: []}}\ninclude:\n",
                     files.at(2, "'include' must not be empty"));
}

TEST_CASE("a bad notify entry is an error at its line, never quoting a secret") {
    InventoryFiles files(Variables{{"HOOK_SECRET", "s3cret-value"}, {"EMPTY", ""}});
    const std::string tail = "environments: {dev: {databases: []}}\n";
    SUBCASE("an unknown key, an unknown event") {
        CHECK_LOAD_ERROR(files,
                         "notify:\n  - webhook: http://h/x\n    event: [rollout_started]\n" + tail,
                         files.at(3, "unknown key 'event' in 'notify' entry #1 of the top level "
                                     "(did you mean 'events'?)"));
        CHECK_LOAD_ERROR(
            files,
            "notify:\n  - command: [true]\n    events:\n      - rollout_started\n"
            "      - rollout_done\n" +
                tail,
            files.at(5, "unknown event 'rollout_done' in 'events' (the events are "
                        "rollout_started, target_failed, rollout_halted, rollout_finished)"));
        CHECK_LOAD_ERROR(files, "notify:\n  - command: [true]\n    events: []\n" + tail,
                         files.at(3, "'events' names no event: leave it out to hear every "
                                     "event, or remove the entry"));
    }
    SUBCASE("both webhook and command, or neither") {
        CHECK_LOAD_ERROR(files, "notify:\n  - webhook: http://h/x\n    command: [true]\n" + tail,
                         files.at(2, "'notify' entry #1 of the top level has both 'webhook' and "
                                     "'command': write one entry for each"));
        CHECK_LOAD_ERROR(files,
                         "notify:\n  - command: [true]\n  - events: [rollout_started]\n" + tail,
                         files.at(3, "'notify' entry #2 of the top level needs 'webhook' (a URL) "
                                     "or 'command' (a list: the program and its arguments)"));
    }
    SUBCASE("a webhook that is not http(s), showing no more than its scheme") {
        CHECK_LOAD_ERROR(
            files, "notify:\n  - webhook: ftp://user:pw@h/x\n" + tail,
            files.at(2, "'webhook' must be an http:// or https:// URL, not ftp://..."));
        CHECK_LOAD_ERROR(files, "notify:\n  - webhook: hooks.example.com/x\n" + tail,
                         files.at(2, "'webhook' must be an http:// or https:// URL"));
        CHECK_LOAD_ERROR(files, "notify:\n  - webhook: https:///x\n" + tail,
                         files.at(2, "'webhook' must name a host: http://HOST[:PORT]/PATH"));
    }
    SUBCASE("a command that is not a list, or names no program") {
        CHECK_LOAD_ERROR(files, "notify:\n  - command: ./page --now\n" + tail,
                         files.at(2, "'command' must be a list, the program and its arguments "
                                     "([/path/to/program, arg, ...]), not a single value"));
        CHECK_LOAD_ERROR(files, "notify:\n  - command: []\n" + tail,
                         files.at(2, "'command' must name a program: [/path/to/program, ...]"));
        CHECK_LOAD_ERROR(files, "notify:\n  - command: ['']\n" + tail,
                         files.at(2, "'command' names an empty program"));
    }
    SUBCASE("a secret that is empty, or beside a command") {
        CHECK_LOAD_ERROR(files, "notify:\n  - webhook: http://h/x\n    secret: ${EMPTY}\n" + tail,
                         files.at(3, "'secret' is empty (is its variable set to \"\"?); leave "
                                     "'secret' out to send unsigned"));
        CHECK_LOAD_ERROR(files, "notify:\n  - command: [true]\n    secret: ${HOOK_SECRET}\n" + tail,
                         files.at(3, "'secret' signs a webhook's body; a 'command' entry takes "
                                     "none"));
    }
    SUBCASE("notify itself must be a list of mappings") {
        CHECK_LOAD_ERROR(files, "notify: {webhook: http://h/x}\n" + tail,
                         files.at(1, "'notify' must be a list, not a mapping"));
        CHECK_LOAD_ERROR(files, "notify:\n  - http://h/x\n" + tail,
                         files.at(2, "'notify' entry #1 of the top level must be a mapping like "
                                     "{webhook: URL, events: [...]} or {command: [program, "
                                     "...]}, not a single value"));
    }
    SUBCASE("on a database, the message names it") {
        CHECK_LOAD_ERROR(files, R"(environments:
  dev:
    databases:
      - name: app
        url: sqlite:///app.db
        notify: [{webhook: http://h/x, secrets: x}]
)",
                         files.at(6, "unknown key 'secrets' in 'notify' entry #1 of database "
                                     "'app' of environment 'dev' (did you mean 'secret'?)"));
    }
}
