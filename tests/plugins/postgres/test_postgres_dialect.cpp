#include "plugins/postgres/postgres_dialect.hpp"

#include <doctest/doctest.h>

using fleet::plugins::postgres::PostgresDialect;

TEST_CASE("the PostgreSQL dialect names itself and states what PostgreSQL can do") {
    const PostgresDialect& dialect = PostgresDialect::instance();
    CHECK(dialect.name() == "postgresql");
    CHECK(dialect.capabilities().transactional_ddl);
    CHECK_FALSE(dialect.capabilities().grouped_reads);
    CHECK(&PostgresDialect::instance() == &dialect);
}

TEST_CASE("the PostgreSQL dialect quotes identifiers like SQLAlchemy's PostgreSQL dialect") {
    const PostgresDialect& dialect = PostgresDialect::instance();
    SUBCASE("plain names stay bare") {
        CHECK(dialect.quote_identifier("alembic_version") == "alembic_version");
        CHECK(dialect.quote_identifier("t_acme") == "t_acme");
    }
    SUBCASE("PostgreSQL reserved words are quoted") {
        for (const char* word : {"user", "order", "table", "window", "analyse", "current_user",
                                 "verbose", "similar"}) {
            CHECK(dialect.quote_identifier(word) == std::string("\"") + word + "\"");
        }
    }
    SUBCASE("keywords PostgreSQL does not reserve stay bare") {
        CHECK(dialect.quote_identifier("key") == "key");
        CHECK(dialect.quote_identifier("values") == "values");
        CHECK(dialect.quote_identifier("index") == "index");
    }
    SUBCASE("mixed case and odd characters are quoted") {
        CHECK(dialect.quote_identifier("Tenant") == "\"Tenant\"");
        CHECK(dialect.quote_identifier("tenant-1") == "\"tenant-1\"");
    }
}

TEST_CASE("the PostgreSQL dialect writes literals, qualified names and executes") {
    const PostgresDialect& dialect = PostgresDialect::instance();
    CHECK(dialect.quote_literal("it's") == "'it''s'");
    CHECK(dialect.qualified_table("", "accounts") == "accounts");
    CHECK(dialect.qualified_table("t_acme", "accounts") == "t_acme.accounts");
    CHECK(dialect.qualified_table("Tenant", "user") == "\"Tenant\".\"user\"");
    fleet::engine::ops::Operation op = fleet::engine::ops::Execute{
        "SELECT 1", {{"sqlite", "SELECT 2"}, {"postgresql", "SELECT 3"}}, 7};
    CHECK(dialect.render(op) == std::vector<std::string>{"SELECT 3"});
    fleet::engine::ops::Operation sqlite_only =
        fleet::engine::ops::Execute{"", {{"sqlite", "VACUUM"}}, 2};
    CHECK(dialect.render(sqlite_only).empty());
}
