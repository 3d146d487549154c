#include "inventory/for_each.hpp"

#include "engine/error.hpp"
#include "inventory/inventory.hpp"
#include "tests/inventory/inventory_test_support.hpp"

#include <doctest/doctest.h>

using namespace fleet::inventory;
using namespace fleet::inventory::testing;

TEST_CASE("the cartesian product runs the first key slowest") {
    std::vector<Placeholders> combinations =
        cartesian_product({{"region", {"eu", "us"}}, {"tier", {"a", "b", "c"}}});
    REQUIRE(combinations.size() == 6);
    CHECK(combinations[0] == Placeholders{{"region", "eu"}, {"tier", "a"}});
    CHECK(combinations[2] == Placeholders{{"region", "eu"}, {"tier", "c"}});
    CHECK(combinations[3] == Placeholders{{"region", "us"}, {"tier", "a"}});

    SUBCASE("no keys is one empty combination, a key without values none") {
        CHECK(cartesian_product({}) == std::vector<Placeholders>{Placeholders{}});
        CHECK(cartesian_product({{"region", {"eu"}}, {"tier", {}}}).empty());
    }
}

TEST_CASE("a for_each list makes one target per value in listed order") {
    InventoryFiles files(Variables{{"HOST", "db.internal"}});
    Inventory inventory = files.load(R"(environments:
  staging:
    databases:
      - name: tenant-{tenant}
        url: postgresql://app@${HOST}/t_{tenant}
        script_location: migrations/{tenant}
        version_table: v_{tenant}
        version_table_schema: vs_{tenant}
        schema: s_{tenant}
        for_each: {tenant: [globex, acme, "${FIRST:-initech}"]}
)");
    std::vector<TargetSpec> targets = inventory.targets();
    CHECK(full_names(targets) == std::vector<std::string>{"staging/tenant-globex",
                                                          "staging/tenant-acme",
                                                          "staging/tenant-initech"});
    const TargetSpec& acme = targets[1];
    CHECK(acme.url_text == "postgresql://app@db.internal/t_acme");
    CHECK(acme.settings.script_location == files.dir().path() / "migrations/acme");
    CHECK(acme.settings.version_table == "v_acme");
    CHECK(acme.settings.version_table_schema == std::optional<std::string>("vs_acme"));
    CHECK(acme.settings.schema == std::optional<std::string>("s_acme"));
    CHECK(acme.line == 4);
}

TEST_CASE("several for_each keys give their cartesian product in listed order") {
    InventoryFiles files;
    Inventory inventory = files.load(R"(environments:
  prod:
    databases:
      - name: "{region}-{tier}"
        url: sqlite:///{region}/{tier}.db
        for_each:
          region: [us, eu]
          tier: [gold, free]
)");
    CHECK(full_names(inventory.targets()) ==
          std::vector<std::string>{"prod/us-gold", "prod/us-free", "prod/eu-gold", "prod/eu-free"});
    CHECK(inventory.targets()[1].url_text == "sqlite:///us/free.db");
}

TEST_CASE("a for_each glob takes the matching file names, sorted") {
    InventoryFiles files;
    files.dir().write("shards/shard-10.db", "");
    files.dir().write("shards/shard-02.db", "");
    files.dir().write("shards/shard-01.db", "");
    files.dir().write("shards/readme.txt", "");
    files.dir().write("other/shard-99.db", "");
    const std::string yaml = R"(environments:
  staging:
    databases:
      - name: shard-{file}
        url: sqlite:///shards/{file}
        for_each: {file: {glob: "shards/*.db"}}
)";
    Inventory inventory = files.load(yaml);
    CHECK(full_names(inventory.targets()) == std::vector<std::string>{"staging/shard-shard-01.db",
                                                                      "staging/shard-shard-02.db",
                                                                      "staging/shard-shard-10.db"});
    CHECK(inventory.targets()[0].url_text == "sqlite:///shards/shard-01.db");

    SUBCASE("no match gives no targets") {
        InventoryFiles empty;
        CHECK(empty.load(yaml).targets().empty());
    }
    SUBCASE("an absolute pattern is used as it is") {
        const std::string absolute = R"(environments:
  staging:
    databases:
      - name: "{file}"
        url: sqlite:///{file}
        for_each: {file: {glob: ")" + (files.dir().path() / "other/*.db").string() +
                                     R"("}}
)";
        InventoryFiles elsewhere;
        CHECK(full_names(elsewhere.load(absolute).targets()) ==
              std::vector<std::string>{"staging/shard-99.db"});
    }
}

TEST_CASE("a glob matches only the pattern, not glob characters in the inventory's folder") {
    TempDir dir;
    const std::filesystem::path folder = dir.path() / "[x]";
    dir.write("[x]/a.db", "");
    dir.write("x/b.db", "");
    std::vector<std::string> names = glob_file_names("*.db", folder, {"fleet.yaml", 1});
    CHECK(names == std::vector<std::string>{"a.db"});
}

TEST_CASE("a for_each query takes the rows the program's query runner returns, sorted") {
    InventoryFiles files(Variables{{"REGISTRY_URL", "sqlite:///registry.db"}});
    const std::string yaml = R"(environments:
  prod:
    databases:
      - name: t-{slug}
        url: postgresql://app@localhost/app
        schema: t_{slug}
        for_each: {slug: {query: "SELECT slug FROM tenants", url: "${REGISTRY_URL}"}}
)";
    std::string asked_url, asked_sql;
    auto registry = [&](const std::string& url, const std::string& sql) {
        asked_url = url;
        asked_sql = sql;
        return std::vector<std::string>{"initech", "acme", "globex"};
    };
    Inventory inventory = files.load(yaml, registry);
    CHECK(full_names(inventory.targets()) ==
          std::vector<std::string>{"prod/t-acme", "prod/t-globex", "prod/t-initech"});
    CHECK(inventory.targets()[0].settings.schema == std::optional<std::string>("t_acme"));
    CHECK(asked_sql == "SELECT slug FROM tenants");
    SUBCASE("a relative SQLite registry is found next to the inventory") {
        CHECK(asked_url == "sqlite:///" + (files.dir().path() / "registry.db").string());
    }
    SUBCASE("a row that would escape a name, URL or schema is refused, naming it") {
        auto hostile = [](const std::string&, const std::string&) {
            return std::vector<std::string>{"acme", "x\"; DROP SCHEMA public; --"};
        };
        CHECK_THROWS_WITH_AS(
            files.load(yaml, hostile),
            files
                .at(7, "for_each 'slug' value 'x\"; DROP SCHEMA public; --' is not safe to put "
                       "into names, URLs and schemas: it contains '\"' (use letters, digits, '_', "
                       "'-' and '.')")
                .c_str(),
            fleet::InputError);
        // A row is never expanded further either: ${HOME} is refused as it is.
        auto odd_rows = [](const std::string&, const std::string&) {
            return std::vector<std::string>{"${HOME}"};
        };
        CHECK_THROWS_AS(files.load(yaml, odd_rows), fleet::InputError);
    }
    SUBCASE("no rows gives no targets") {
        auto none = [](const std::string&, const std::string&) {
            return std::vector<std::string>{};
        };
        CHECK(files.load(yaml, none).targets().empty());
    }
    SUBCASE("without a query runner it is an error") {
        CHECK_LOAD_ERROR(files, yaml,
                         files.at(7, "for_each 'slug' needs a database query, and this program "
                                     "was given no way to run one"));
    }
    SUBCASE("a failing query is a database error at the for_each line, password masked") {
        auto broken = [](const std::string&, const std::string&) -> std::vector<std::string> {
            throw fleet::ConnectionError(
                "cannot connect to postgresql://reg:s3cret@registry/tenants", "08001");
        };
        const std::string expected = files.at(7, "for_each 'slug' query failed: cannot connect to "
                                                 "postgresql://reg:***@registry/tenants");
        try {
            files.load(yaml, broken);
            FAIL("the query error was lost");
        } catch (const fleet::DatabaseError& error) {
            CHECK(std::string(error.what()) == expected);
            CHECK(error.sqlstate() == "08001");
            CHECK(error.exit_code() == fleet::ExitCode::failed);
        }
        auto odd = [](const std::string&, const std::string&) -> std::vector<std::string> {
            throw std::runtime_error("no such table: tenants");
        };
        CHECK_THROWS_WITH_AS(
            files.load(yaml, odd),
            files.at(7, "for_each 'slug' query failed: no such table: tenants").c_str(),
            fleet::DatabaseError);
    }
}

TEST_CASE("for_each values are limited to what is safe in names, URLs, paths and schemas") {
    for (const char* safe : {"acme", "Acme-Corp_2", "t.42", "9lives"}) {
        CAPTURE(safe);
        CHECK_FALSE(unsafe_value_reason(safe));
    }
    CHECK(unsafe_value_reason("") == std::optional<std::string>("it is empty"));
    CHECK(unsafe_value_reason("../etc") ==
          std::optional<std::string>("it must start with a letter or a digit"));
    CHECK(unsafe_value_reason("a..b") == std::optional<std::string>("it contains '..'"));
    CHECK(unsafe_value_reason("a/b") == std::optional<std::string>("it contains '/'"));
    CHECK(unsafe_value_reason("a,public") == std::optional<std::string>("it contains ','"));
    CHECK(unsafe_value_reason("a b") == std::optional<std::string>("it contains ' '"));
    CHECK(unsafe_value_reason("a@evil:5432") == std::optional<std::string>("it contains '@'"));
    CHECK(unsafe_value_reason(std::string("a\nb")) ==
          std::optional<std::string>("it contains the byte 0x0a"));
    CHECK(unsafe_value_reason(std::string(64, 'a')) ==
          std::optional<std::string>("it is 64 bytes long, more than 63"));
    CHECK_FALSE(unsafe_value_reason(std::string(63, 'a')));

    InventoryFiles files;
    SUBCASE("a listed value fails at its own line") {
        CHECK_LOAD_ERROR(files, R"(environments:
  prod:
    databases:
      - name: tenant-{tenant}
        url: postgresql://app@localhost/t_{tenant}
        for_each:
          tenant:
            - acme
            - "evil?sslmode=disable&host=attacker"
)",
                         files.at(9,
                                  "for_each 'tenant' value 'evil?sslmode=disable&host=attacker' is "
                                  "not safe to put into names, URLs and schemas: it contains '?' "
                                  "(use letters, digits, '_', '-' and '.')"));
    }
    SUBCASE("a file name matched by a glob is checked too") {
        files.dir().write("shards/ok.db", "");
        files.dir().write("shards/bad name.db", "");
        CHECK_LOAD_ERROR(files, R"(environments:
  prod:
    databases:
      - name: shard-{file}
        url: sqlite:///shards/{file}
        for_each: {file: {glob: "shards/*.db"}}
)",
                         files.at(6,
                                  "for_each 'file' value 'bad name.db' is not safe to put into "
                                  "names, URLs and schemas: it contains ' ' (use letters, digits, "
                                  "'_', '-' and '.')"));
    }
}

TEST_CASE("for_each mistakes are errors at their line") {
    InventoryFiles files;
    SUBCASE("every key must appear in the name") {
        CHECK_LOAD_ERROR(files, R"(environments:
  prod:
    databases:
      - name: core
        url: postgresql://app@localhost/t_{tenant}
        for_each: {tenant: [a, b]}
)",
                         files.at(6, "for_each key 'tenant' does not appear in the name 'core': "
                                     "write {tenant} in it so that each target has a name of its "
                                     "own"));
    }
    SUBCASE("more than 100000 targets from one for_each (found by fuzz/: it took 7 GB)") {
        const std::string values = "[0,1,2,3,4,5,6,7,8,9]";
        CHECK_LOAD_ERROR(files,
                         "environments:\n  prod:\n    databases:\n"
                         "      - name: t-{a}-{b}-{c}-{d}-{e}-{f}\n"
                         "        url: sqlite:///t.db\n"
                         "        for_each: {a: " +
                             values + ", b: " + values + ", c: " + values + ", d: " + values +
                             ", e: " + values + ", f: " + values + "}\n",
                         files.at(6, "for_each gives more than 100000 targets; split the "
                                     "database entry"));
        // Exactly the limit is allowed.
        Inventory inventory =
            files.load("environments:\n  prod:\n    databases:\n"
                       "      - name: t-{a}-{b}-{c}-{d}-{e}\n        url: sqlite:///t.db\n"
                       "        for_each: {a: " +
                       values + ", b: " + values + ", c: " + values + ", d: " + values +
                       ", e: " + values + "}\n");
        CHECK(inventory.targets().size() == 100000);
    }
    SUBCASE("a placeholder needs a for_each") {
        CHECK_LOAD_ERROR(files, R"(environments:
  prod:
    databases:
      - name: tenant-{tenant}
        url: postgresql://app@localhost/app
)",
                         files.at(4, "the name 'tenant-{tenant}' has the placeholder {tenant}, "
                                     "but the database has no for_each"));
    }
    SUBCASE("an unknown placeholder is an error") {
        CHECK_LOAD_ERROR(files, R"(environments:
  prod:
    databases:
      - name: tenant-{tenant}
        url: postgresql://app@localhost/t_{tennant}
        for_each: {tenant: [a]}
)",
                         files.at(5, "{word} number 1 in this value is not a for_each key "
                                     "(for_each defines {tenant}); it is not shown, as it may be "
                                     "part of a password (braces in a password can come from "
                                     "${VAR})"));
    }
    SUBCASE("repeated values make duplicate names") {
        CHECK_LOAD_ERROR(files, R"(environments:
  prod:
    databases:
      - name: tenant-{tenant}
        url: postgresql://app@localhost/t_{tenant}
        for_each: {tenant: [a, b, a]}
)",
                         files.at(4, "duplicate database 'tenant-a' in environment 'prod' (first "
                                     "on line 4)"));
    }
    SUBCASE("the shape of for_each is checked") {
        auto with = [](const std::string& for_each) {
            return "environments:\n  prod:\n    databases:\n      - name: t-{t}\n"
                   "        url: sqlite:///{t}.db\n        for_each: " +
                   for_each + "\n";
        };
        CHECK_LOAD_ERROR(files, with("[a, b]"),
                         files.at(6, "'for_each' must be a mapping, not a list"));
        CHECK_LOAD_ERROR(files, with("{}"), files.at(6, "'for_each' must name at least one key"));
        CHECK_LOAD_ERROR(files, with("{t: a}"),
                         files.at(6, "'for_each.t' must be a list of values, {glob: PATTERN} or "
                                     "{query: SQL, url: URL}, not a single value"));
        CHECK_LOAD_ERROR(files, with("{t: [a, [b]]}"),
                         files.at(6, "'for_each.t' must be a single value, not a list"));
        CHECK_LOAD_ERROR(files, with("{t: {glob: '*.db', query: x, url: 'sqlite:///r.db'}}"),
                         files.at(6, "'for_each.t' takes either 'glob' or 'query' and 'url', not "
                                     "both"));
        CHECK_LOAD_ERROR(files, with("{t: {query: SELECT 1}}"),
                         files.at(6, "'for_each.t' needs 'glob', or 'query' with the 'url' of the "
                                     "database to ask"));
        CHECK_LOAD_ERROR(files, with("{t: {globs: '*.db'}}"),
                         files.at(6, "unknown key 'globs' in 'for_each.t' (did you mean 'glob'?)"));
        CHECK_LOAD_ERROR(files, with("{t-x: [a]}"),
                         files.at(6, "for_each key 't-x' must be a word of letters, digits and "
                                     "'_' (it is written {t-x} in the name)"));
        CHECK_LOAD_ERROR(files, with("{t: {query: SELECT 1, url: 'nonsense'}}"),
                         files.at(6, "invalid database URL 'nonsense': expected SCHEME://..., "
                                     "e.g. sqlite:///app.db or postgresql://user@host/dbname"));
    }
}

TEST_CASE("a PostgreSQL name longer than 63 bytes is an error, not a silently cut one") {
    // t_ + a 62-byte value is 64 bytes: PostgreSQL would cut it to 63 and the
    // two tenants below would share one schema (or one database).
    const std::string slug_a = std::string(61, 'x') + "a";
    const std::string slug_b = std::string(61, 'x') + "b";
    const std::string names = "[" + slug_a + ", " + slug_b + "]";
    InventoryFiles files;
    SUBCASE("a schema, at the schema's line") {
        CHECK_LOAD_ERROR(
            files,
            "environments:\n  prod:\n    databases:\n      - name: t-{s}\n"
            "        url: postgresql://app@localhost/app\n"
            "        schema: public, t_{s}\n"
            "        for_each: {s: " +
                names + "}\n",
            files.at(6, "'schema' names 't_" + slug_a +
                            "', 64 bytes long: PostgreSQL "
                            "cuts names longer than 63 bytes, and two targets could end "
                            "up in one schema"));
    }
    SUBCASE("a version table schema") {
        CHECK_LOAD_ERROR(
            files,
            "environments:\n  prod:\n    databases:\n      - name: t-{s}\n"
            "        url: postgresql://app@localhost/app\n"
            "        version_table_schema: t_{s}\n"
            "        for_each: {s: " +
                names + "}\n",
            files.at(6, "'version_table_schema' names 't_" + slug_a +
                            "', 64 bytes "
                            "long: PostgreSQL cuts names longer than 63 bytes, and two "
                            "targets could end up in one schema"));
    }
    SUBCASE("a database name, at the url's line") {
        CHECK_LOAD_ERROR(
            files,
            "environments:\n  prod:\n    databases:\n      - name: t-{s}\n"
            "        url: postgresql://app@localhost/d_{s}\n"
            "        for_each: {s: " +
                names + "}\n",
            files.at(5, "'url' names 'd_" + slug_a +
                            "', 64 bytes long: PostgreSQL "
                            "cuts names longer than 63 bytes, and two targets could end "
                            "up in one database"));
    }
    SUBCASE("a schema set for the whole environment, at the database's line") {
        CHECK_LOAD_ERROR(
            files,
            "environments:\n  prod:\n    schema: s_" + std::string(62, 'y') +
                "\n    databases:\n      - name: app\n"
                "        url: postgresql://app@localhost/app\n",
            files.at(5, "'schema' names 's_" + std::string(62, 'y') +
                            "', 64 bytes "
                            "long: PostgreSQL cuts names longer than 63 bytes, and two "
                            "targets could end up in one schema"));
    }
    SUBCASE("63 bytes is allowed, and SQLite has no such limit") {
        Inventory inventory =
            files.load("environments:\n  prod:\n    databases:\n      - name: t-{s}\n"
                       "        url: postgresql://app@localhost/d_" +
                       std::string(61, 'z') +
                       "\n"
                       "        schema: t_{s}\n        for_each: {s: [" +
                       std::string(61, 'x') +
                       "]}\n"
                       "      - name: lite\n        url: sqlite:///" +
                       std::string(80, 'f') +
                       ".db\n"
                       "        schema: t_" +
                       std::string(70, 's') + "\n");
        CHECK(inventory.environments().at(0).databases.size() == 2);
    }
}
