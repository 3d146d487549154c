#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"

#include <doctest/doctest.h>

using fleet::plugins::sqlite::SqliteDialect;

TEST_CASE("the SQLite dialect names itself and states what SQLite can do") {
    const SqliteDialect& dialect = SqliteDialect::instance();
    CHECK(dialect.name() == "sqlite");
    CHECK(dialect.capabilities().transactional_ddl);
    CHECK(dialect.capabilities().grouped_reads);
    CHECK(&SqliteDialect::instance() == &dialect);
}

TEST_CASE("the SQLite dialect quotes identifiers like SQLAlchemy's SQLite dialect") {
    const SqliteDialect& dialect = SqliteDialect::instance();
    SUBCASE("plain names stay bare") {
        CHECK(dialect.quote_identifier("alembic_version") == "alembic_version");
        CHECK(dialect.quote_identifier("version_num") == "version_num");
    }
    SUBCASE("SQLite keywords are quoted") {
        for (const char* word : {"order", "group", "table", "index", "key", "values", "pragma",
                                 "transaction", "exists"}) {
            CHECK(dialect.quote_identifier(word) == std::string("\"") + word + "\"");
        }
    }
    SUBCASE("words reserved only elsewhere stay bare") {
        CHECK(dialect.quote_identifier("user") == "user");
        CHECK(dialect.quote_identifier("window") == "window");
    }
    SUBCASE("mixed case is quoted to keep it") {
        CHECK(dialect.quote_identifier("Accounts") == "\"Accounts\"");
    }
}

TEST_CASE("the SQLite dialect writes literals, qualified names and executes") {
    const SqliteDialect& dialect = SqliteDialect::instance();
    CHECK(dialect.quote_literal("it's") == "'it''s'");
    CHECK(dialect.qualified_table("", "accounts") == "accounts");
    CHECK(dialect.qualified_table("aux", "order") == "aux.\"order\"");
    fleet::engine::ops::Operation op = fleet::engine::ops::Execute{
        "SELECT 1", {{"sqlite", "SELECT 2"}, {"postgresql", "SELECT 3"}}, 7};
    CHECK(dialect.render(op) == std::vector<std::string>{"SELECT 2"});
    fleet::engine::ops::Operation plain = fleet::engine::ops::Execute{"SELECT 1", {}, 1};
    CHECK(dialect.render(plain) == std::vector<std::string>{"SELECT 1"});
}
