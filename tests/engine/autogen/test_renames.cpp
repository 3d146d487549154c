#include "engine/autogen/ops_yaml.hpp"
#include "engine/autogen/schema_diff_ops.hpp"
#include "engine/autogen/schema_renames.hpp"
#include "engine/autogen/sql_rename_hints.hpp"
#include "engine/error.hpp"
#include "engine/url/database_url.hpp"
#include "plugins/driver_registry.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Renames: where declared SQL puts its hints, and what autogenerate writes
// with and without one.

namespace {

using namespace fleet::engine;

autogen::RenameHints hints_of(const std::string& sql, int line = 1) {
    autogen::RenameHints hints;
    autogen::read_sql_rename_hints(sql, "schema.sql", line, hints);
    return hints;
}

std::string error_of(const std::string& sql, int line = 1) {
    try {
        hints_of(sql, line);
    } catch (const fleet::InputError& error) {
        return error.what();
    }
    return "(no error)";
}

schema::Column column(std::string name, std::string type = "integer") {
    schema::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    return c;
}

schema::Table table(std::string name, std::vector<std::string> columns) {
    schema::Table t;
    t.name = std::move(name);
    t.columns.push_back(column("id"));
    t.columns.front().nullable = false;
    t.primary_key = {"id"};
    for (auto& c : columns)
        t.columns.push_back(column(std::move(c), "text"));
    return t;
}

schema::Schema schema_of(std::vector<schema::Table> tables) {
    schema::Schema s;
    s.tables = std::move(tables);
    schema::normalize(s);
    return s;
}

const autogen::CatalogOps& catalog() {
    static const autogen::CatalogOps k_catalog(
        fleet::plugins::dialect_for(url::DatabaseUrl::parse("sqlite://")).compiler());
    return k_catalog;
}

std::vector<std::string> summary(const std::vector<ops::Operation>& operations) {
    std::vector<std::string> out;
    for (const auto& op : operations) {
        std::string line =
            std::string(ops::operation_name(op)) + " " + std::string(ops::table_of(op));
        if (const auto* rename = std::get_if<ops::RenameTable>(&op))
            line += " -> " + rename->new_name;
        if (const auto* alter = std::get_if<ops::AlterColumn>(&op); alter && alter->new_column_name)
            line += "." + alter->column + " -> " + *alter->new_column_name;
        if (const auto* drop = std::get_if<ops::DropColumn>(&op)) line += "." + drop->column;
        if (const auto* add = std::get_if<ops::AddColumn>(&op)) line += "." + add->column.name;
        out.push_back(line);
    }
    return out;
}

} // namespace

TEST_CASE("A hint after a column names its old name; one after the table's name, the table's") {
    const auto hints = hints_of("CREATE TABLE Accounts ( -- fleet:renamed_from users\n"
                                "  id integer PRIMARY KEY,\n"
                                "  email varchar(255) NOT NULL, -- fleet:renamed_from mail\n"
                                "  \"Full Name\" text -- fleet:renamed_from \"name\"\n"
                                ")");
    // Unquoted names fold to lower case, as PostgreSQL's catalog spells them.
    CHECK(hints.tables == std::map<std::string, std::string>{{"accounts", "users"}});
    CHECK(hints.columns ==
          std::map<std::pair<std::string, std::string>, std::string>{
              {{"accounts", "email"}, "mail"}, {{"accounts", "Full Name"}, "name"}});

    const auto on_its_line = hints_of("CREATE TABLE IF NOT EXISTS public.orders -- "
                                      "fleet:renamed_from purchases\n(id integer)");
    CHECK(on_its_line.tables.at("orders") == "purchases");
}

TEST_CASE("Text that only looks like a hint is not one") {
    CHECK(hints_of("CREATE TABLE t (a text DEFAULT '-- fleet:renamed_from b', c integer)").empty());
    CHECK(hints_of("CREATE TABLE t (a text) /* -- fleet:renamed_from b */").empty());
    CHECK(hints_of("CREATE TABLE t (a text -- fleet:renamed_fromage b\n)").empty());
    CHECK(hints_of("CREATE TABLE t (a text DEFAULT $$ -- fleet:renamed_from b $$)").empty());
}

TEST_CASE("A misplaced or doubled hint names its file and line") {
    CHECK(error_of("CREATE INDEX ix ON t (a) -- fleet:renamed_from b\n", 7) ==
          "schema.sql:7: `-- fleet:renamed_from` goes after a table or a column of a CREATE "
          "TABLE; this statement is not one");
    CHECK(error_of("CREATE TABLE t (\n  a integer,\n  UNIQUE (a) -- fleet:renamed_from b\n)", 10) ==
          "schema.sql:12: `-- fleet:renamed_from` goes after a column or the table's name, not "
          "after a table constraint");
    CHECK(error_of("CREATE TABLE t (\n  a integer -- fleet:renamed_from\n)") ==
          "schema.sql:2: `-- fleet:renamed_from` takes one name: the table's or column's name "
          "before");
    CHECK(error_of("CREATE TABLE t ( -- fleet:renamed_from u\n -- fleet:renamed_from v\n a int)") ==
          "schema.sql:2: a second `-- fleet:renamed_from` for the same table or column");
    CHECK(error_of("CREATE TABLE t (a integer -- fleet:renamed_from a\n)") ==
          "schema.sql:1: `-- fleet:renamed_from` names the column's own name");
}

TEST_CASE("A hinted rename is written as one, and what refers to the old names follows") {
    auto users = table("users", {"mail"});
    users.indexes.push_back({"ix_users_mail", {"mail"}, true, "mail IS NOT NULL"});
    users.constraints.push_back(
        {schema::Constraint::Kind::check, "ck_mail", {}, "length(mail) > 3"});
    auto posts = table("posts", {"author"});
    posts.foreign_keys.push_back(
        {"fk_posts_author", {"author"}, "users", {"mail"}, "NO ACTION", "NO ACTION"});
    const auto before = schema_of({users, posts});

    auto accounts = table("accounts", {"email"});
    accounts.indexes.push_back({"ix_users_mail", {"email"}, true, "email IS NOT NULL"});
    accounts.constraints.push_back(
        {schema::Constraint::Kind::check, "ck_mail", {}, "length(email) > 3"});
    auto posts_after = table("posts", {"author"});
    posts_after.foreign_keys.push_back(
        {"fk_posts_author", {"author"}, "accounts", {"email"}, "NO ACTION", "NO ACTION"});
    const auto after = schema_of({accounts, posts_after});

    autogen::RenameHints hints;
    hints.tables["accounts"] = "users";
    hints.columns[{"accounts", "email"}] = "mail";
    // Nothing but the two renames: the index, the check and the other
    // table's key all follow them.
    const auto up = autogen::diff_operations(before, after, catalog(), hints);
    CHECK(summary(up) == std::vector<std::string>{"rename_table users -> accounts",
                                                  "alter_column accounts.mail -> email"});
    const auto down = autogen::diff_operations(after, before, catalog(), autogen::reversed(hints));
    CHECK(summary(down) == std::vector<std::string>{"rename_table accounts -> users",
                                                    "alter_column users.email -> mail"});
    // A hint whose rename has run (both sides have the new name) does nothing.
    CHECK(autogen::diff_operations(after, after, catalog(), hints).empty());
}

TEST_CASE("Without a hint a rename is a drop and an add, and the drop says so") {
    const auto before = schema_of({table("users", {"mail"}), table("old_log", {})});
    const auto after = schema_of({table("users", {"email"}), table("audit_log", {})});
    autogen::Notes notes;
    const auto up = autogen::diff_operations(before, after, catalog(), {}, &notes);
    CHECK(summary(up) == std::vector<std::string>{"drop_table old_log", "create_table audit_log",
                                                  "add_column users.email",
                                                  "drop_column users.mail"});
    REQUIRE(notes.size() == 2);
    CHECK(notes.at(0).find("table old_log goes with its rows while audit_log is created") !=
          std::string::npos);
    CHECK(notes.at(3).find("column users.mail goes with its data while email is added. If it "
                           "became one of them, write `-- fleet:renamed_from mail`") !=
          std::string::npos);

    // The notes are comments above their steps; the steps read back the same.
    const auto text = autogen::yaml_steps(up, notes);
    const auto at = text.find("  # Dropped, not renamed: column users.mail");
    REQUIRE(at != std::string::npos);
    CHECK(text.find("  - drop_column:", at) != std::string::npos);
    CHECK(text.find("  - add_column:") < at);
}
