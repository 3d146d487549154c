#include "engine/error.hpp"
#include "engine/script/script.hpp"
#include "plugins/driver_registry.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

using fleet::engine::runtime::Row;
using fleet::engine::runtime::Rows;
using fleet::engine::url::DatabaseUrl;
using namespace fleet::plugins;

TEST_CASE("the driver registry picks the driver by URL scheme") {
    SUBCASE("sqlite") {
        const Driver& driver = driver_for(DatabaseUrl::parse("sqlite:///app.db"));
        CHECK(driver.scheme == "sqlite");
        CHECK(&driver.dialect == &sqlite::SqliteDialect::instance());
    }
    SUBCASE("postgresql, whatever the URL's spelling") {
        for (const char* text :
             {"postgresql://h/db", "postgres://h/db", "postgresql+psycopg2://h/db"}) {
            const Driver& driver = driver_for(DatabaseUrl::parse(text));
            CHECK(driver.scheme == "postgresql");
            CHECK(&driver.dialect == &postgres::PostgresDialect::instance());
        }
    }
    SUBCASE("dialect_for answers without connecting") {
        CHECK(dialect_for(DatabaseUrl::parse("sqlite://")).name() == "sqlite");
        CHECK(dialect_for(DatabaseUrl::parse("postgresql://nowhere.invalid/db")).name() ==
              "postgresql");
    }
}

TEST_CASE("the registry is the one list of the databases fleet knows") {
    CHECK(known_schemes() == std::vector<std::string_view>{"postgresql", "sqlite"});
    for (std::string_view scheme : known_schemes()) {
        DatabaseUrl url;
        url.scheme = std::string(scheme);
        CHECK(driver_for(url).scheme == scheme);
        CHECK(driver_for(url).dialect.name() == scheme);
    }
}

TEST_CASE("revision files accept exactly the dialects the registry has") {
    // engine/script cannot link the registry (the engine links no driver), so
    // its list is checked against the registry's here: a new driver that is
    // not added there fails this test.
    std::vector<std::string_view> script_names(fleet::engine::script::k_dialect_names.begin(),
                                               fleet::engine::script::k_dialect_names.end());
    std::sort(script_names.begin(), script_names.end());
    CHECK(script_names == known_schemes());
}

TEST_CASE("a scheme without a driver is a usage error that hides the password") {
    DatabaseUrl url;
    url.scheme = "mysql";
    url.username = "app";
    url.password = "hunter22";
    url.host = "h";
    url.database = "db";
    try {
        driver_for(url);
        FAIL("no error");
    } catch (const fleet::UsageError& e) {
        std::string message = e.what();
        CHECK(message == "invalid database URL 'mysql://app:***@h/db': unknown scheme 'mysql' "
                         "(fleet knows postgresql and sqlite)");
        CHECK(message.find("hunter22") == std::string::npos);
    }
    CHECK_THROWS_AS(connect(url), fleet::UsageError);
    CHECK_THROWS_AS(dialect_for(url), fleet::UsageError);
}

TEST_CASE("the driver registry opens SQLite connections") {
    fleet::test::TempDir dir;
    auto connection = connect(DatabaseUrl::parse("sqlite:///app.db", dir.path().string()));
    CHECK(connection->dialect().name() == "sqlite");
    CHECK(connection->display_url() == "sqlite:///" + dir.file("app.db"));
    connection->execute("CREATE TABLE t (x INT)");
    CHECK(connection->table_exists("", "t"));
    CHECK(connect(DatabaseUrl::parse("sqlite://"))->query("SELECT 1") == Rows{Row{"1"}});
}
