#include "engine/schema/schema_compare.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace fleet::engine::schema;

namespace {

// accounts(id PK, email varchar(255) NOT NULL), ix_accounts_email, and
// orders(id PK, account_id -> accounts(id)).
Schema base() {
    Schema schema;
    Table accounts{"accounts", {{"id", "integer", false, {}}, {"email", "varchar(255)", false, {}}},
                   {"id"},     {{"ix_accounts_email", {"email"}, false, ""}},
                   {},         {}};
    Table orders{
        "orders",
        {{"id", "integer", false, {}}, {"account_id", "integer", true, {}}},
        {"id"},
        {},
        {{"orders_account_id_fkey", {"account_id"}, "accounts", {"id"}, "NO ACTION", "NO ACTION"}},
        {}};
    schema.tables = {accounts, orders};
    normalize(schema);
    return schema;
}

std::vector<std::string> lines(const std::vector<Difference>& differences) {
    std::vector<std::string> out;
    for (const auto& d : differences)
        out.push_back(std::string(change_sign(d.change)) + " " + d.description);
    return out;
}

Table& table(Schema& schema, const std::string& name) {
    for (auto& t : schema.tables)
        if (t.name == name) return t;
    FAIL("no table " << name);
    throw;
}

} // namespace

TEST_CASE("equal schemas have no differences") { CHECK(compare(base(), base()).empty()); }

TEST_CASE("a table only on one side is named with the side that has it") {
    Schema left = base();
    Schema right = base();
    right.tables.push_back({"audit_log", {{"id", "integer", false, {}}}, {"id"}, {}, {}, {}});
    normalize(right);
    auto differences = compare(left, right, {"dev/app", "prod/app"});
    CHECK(lines(differences) ==
          std::vector<std::string>{"+ table audit_log (1 column): only in prod/app"});
    CHECK(differences[0].kind == ObjectKind::table);
    CHECK(differences[0].change == Change::only_right);
    CHECK_FALSE(differences[0].left.has_value());

    auto reversed = compare(right, left, {"prod/app", "dev/app"});
    CHECK(lines(reversed) ==
          std::vector<std::string>{"- table audit_log (1 column): only in prod/app"});
}

TEST_CASE("columns added, dropped and changed are each one line") {
    Schema left = base();
    Schema right = base();
    auto& columns = table(right, "accounts").columns;
    columns.push_back({"nickname", "varchar(50)", true, {}});
    SUBCASE("added") {
        CHECK(lines(compare(left, right)) ==
              std::vector<std::string>{"+ column accounts.nickname varchar(50): only in right"});
    }
    SUBCASE("type, nullability and default, each on its own") {
        columns[1].type = "text";
        columns[1].nullable = true;
        columns[1].default_value = "'none'";
        CHECK(lines(compare(left, right)) ==
              std::vector<std::string>{
                  "~ column accounts.email: type varchar(255) in left, text in right",
                  "~ column accounts.email: NOT NULL in left, NULL in right",
                  "~ column accounts.email: no default in left, DEFAULT 'none' in right",
                  "+ column accounts.nickname varchar(50): only in right"});
    }
    SUBCASE("dropped") {
        columns.erase(columns.begin() + 1);
        auto differences = compare(left, right);
        REQUIRE(differences.size() == 2);
        CHECK(differences[0].description ==
              "column accounts.email varchar(255) NOT NULL: only in left");
        CHECK(differences[0].left == "varchar(255) NOT NULL");
        CHECK(differences[0].name == "email");
        CHECK(differences[0].table == "accounts");
    }
}

TEST_CASE("indexes are matched by name and compared whole") {
    Schema left = base();
    Schema right = base();
    auto& indexes = table(right, "accounts").indexes;
    SUBCASE("one more on the right") {
        indexes.push_back({"ix_accounts_id_email", {"id", "email"}, true, ""});
        normalize(right);
        CHECK(lines(compare(left, right)) ==
              std::vector<std::string>{
                  "+ index ix_accounts_id_email on accounts (id, email) UNIQUE: only in right"});
    }
    SUBCASE("the same name on other columns") {
        indexes[0].columns = {"email", "id"};
        CHECK(lines(compare(left, right)) ==
              std::vector<std::string>{"~ index ix_accounts_email: on accounts (email) in left, on "
                                       "accounts (email, id) in right"});
    }
    SUBCASE("gone") {
        indexes.clear();
        auto differences = compare(left, right);
        REQUIRE(differences.size() == 1);
        CHECK(differences[0].kind == ObjectKind::index);
        CHECK(differences[0].change == Change::only_left);
    }
}

TEST_CASE("primary keys, foreign keys and constraints differ by what they do") {
    Schema left = base();
    Schema right = base();
    SUBCASE("primary key") {
        table(right, "orders").primary_key = {"id", "account_id"};
        CHECK(lines(compare(left, right)) ==
              std::vector<std::string>{
                  "~ primary key of orders: (id) in left, (id, account_id) in right"});
    }
    SUBCASE("a foreign key's action") {
        table(right, "orders").foreign_keys[0].on_delete = "CASCADE";
        CHECK(lines(compare(left, right)) ==
              std::vector<std::string>{
                  "~ foreign key orders_account_id_fkey on orders: (account_id) -> accounts "
                  "(id) in left, (account_id) -> accounts (id) ON DELETE CASCADE in right"});
    }
    SUBCASE("unnamed keys and constraints are matched by what they are") {
        table(left, "orders").foreign_keys[0].name = "";
        table(right, "orders").foreign_keys[0].name = "";
        table(right, "accounts")
            .constraints.push_back({Constraint::Kind::unique, "", {"email"}, ""});
        table(right, "accounts")
            .constraints.push_back({Constraint::Kind::check, "ck_email", {}, "(email <> '')"});
        normalize(right);
        CHECK(lines(compare(left, right)) ==
              std::vector<std::string>{
                  "+ constraint on accounts UNIQUE (email): only in right",
                  "+ constraint ck_email on accounts CHECK (email <> ''): only in right"});
    }
}

TEST_CASE("differences come ordered by table, then by part of the table") {
    Schema left = base();
    Schema right = base();
    table(right, "orders").columns.push_back({"total", "numeric(10, 2)", true, "0"});
    table(right, "accounts").indexes.clear();
    table(right, "accounts").columns.push_back({"Display Name", "text", true, {}});
    right.views.push_back({"v_accounts", "SELECT id FROM accounts"});
    auto found = lines(compare(left, right, {"L", "R"}));
    CHECK(found ==
          std::vector<std::string>{"+ column accounts.Display Name text: only in R",
                                   "- index ix_accounts_email on accounts (email): only in L",
                                   "+ column orders.total numeric(10, 2) DEFAULT 0: only in R",
                                   "+ view v_accounts: only in R"});
}

TEST_CASE("changes have stable names for JSON") {
    CHECK(change_name(Change::only_left) == "only_left");
    CHECK(change_name(Change::only_right) == "only_right");
    CHECK(change_name(Change::changed) == "changed");
    CHECK(kind_name(ObjectKind::foreign_key) == "foreign_key");
    CHECK(change_sign(Change::changed) == "~");
}
