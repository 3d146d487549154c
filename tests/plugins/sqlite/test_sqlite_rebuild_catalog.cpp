#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_rebuild_catalog.hpp"
#include "tests/plugins/sqlite/rebuild_changes.hpp"
#include "tests/plugins/sqlite/sqlite_rebuild_fixture.hpp"

#include <doctest/doctest.h>

using fleet::test::RebuildDb;
using namespace fleet::test::changes;
namespace ops = fleet::engine::ops;
namespace sq = fleet::plugins::sqlite;
using Strings = std::vector<std::string>;

namespace {

// A stand-in for the SQLite compiler's renderers: enough for these tables.
std::string render(const ops::Operation& op) {
    if (const auto* create = std::get_if<ops::CreateTable>(&op)) {
        std::string sql = "CREATE TABLE " + create->name + " (";
        for (std::size_t i = 0; i < create->columns.size(); ++i) {
            const auto& c = create->columns[i];
            sql += (i ? ", " : "") + c.name + " " + c.type.raw + (c.nullable ? "" : " NOT NULL");
        }
        if (create->primary_key) sql += ", PRIMARY KEY (" + create->primary_key->columns[0] + ")";
        for (const auto& check : create->checks)
            sql += ", CONSTRAINT " + check.name + " CHECK (" + check.condition + ")";
        return sql + ")";
    }
    const auto& index = std::get<ops::CreateIndex>(op);
    return "CREATE INDEX " + index.name + " ON " + index.table + " (" + index.columns[0].column +
           ")";
}

ops::Column column(const std::string& name, const std::string& type, bool nullable) {
    ops::Column c;
    c.name = name;
    c.type = raw_type(type);
    c.nullable = nullable;
    return c;
}

} // namespace

TEST_CASE(
    "Offline, the catalog comes from the replayed model and its rebuild runs on the real table") {
    ops::TableModel accounts;
    accounts.name = "accounts";
    accounts.columns = {column("id", "INTEGER", false), column("email", "TEXT", true),
                        column("plan", "TEXT", true)};
    accounts.primary_key = ops::PrimaryKey{"pk_accounts", {"id"}};
    accounts.checks = {{"ck_accounts_plan", "plan IN ('free', 'pro')"}};
    ops::CreateIndex by_email;
    by_email.name = "ix_accounts_email";
    by_email.table = "accounts";
    by_email.columns = {{"email", ""}};
    accounts.indexes = {by_email};

    const auto catalog = sq::catalog_from_model({&accounts}, render);
    REQUIRE(catalog.size() == 2);
    CHECK(catalog[0].type == "table");
    CHECK(catalog[1].sql == "CREATE INDEX ix_accounts_email ON accounts (email)");

    RebuildDb db;
    for (const auto& entry : catalog)
        db.exec(entry.sql);
    db.exec("INSERT INTO accounts VALUES (1, 'a@x', 'pro')");
    CHECK_THROWS_WITH_AS(sq::render_rebuild(catalog, "accounts", {drop_column("accounts", "email")},
                                            {.file = "rev.yaml"}),
                         doctest::Contains("index ix_accounts_email"), fleet::InputError);
    const auto offline = sq::render_rebuild(
        catalog, "accounts",
        {set_nullable("accounts", "plan", false),
         drop_constraint("accounts", "ck_accounts_plan", ops::ConstraintType::check)},
        {.file = "rev.yaml"});
    db.run(offline.statements);
    CHECK(db.rows("SELECT sql FROM sqlite_master ORDER BY rowid") ==
          Strings{"'CREATE TABLE \"accounts\" (\n"
                  "    id INTEGER NOT NULL,\n"
                  "    email TEXT,\n"
                  "    plan TEXT NOT NULL,\n"
                  "    PRIMARY KEY (id)\n"
                  ")'",
                  "'CREATE INDEX ix_accounts_email ON accounts (email)'"});
    CHECK(db.rows("SELECT * FROM accounts") == Strings{"1|'a@x'|'pro'"});
}
