#include "engine/error.hpp"
#include "engine/ops/schema_model.hpp"
#include "tests/engine/ops/ops_builders.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace fleet::engine::ops;
using namespace fleet::engine::ops::testing;
using fleet::InputError;

namespace {

const std::string k_file = "versions/a1_accounts.yaml";

// The message of the InputError `apply` throws; "" when it throws none.
std::string error_of(SchemaModel& model, const Operation& op) {
    try {
        model.apply(op, k_file);
    } catch (const InputError& error) {
        return error.what();
    }
    return {};
}

SchemaModel with_accounts_and_orders() {
    SchemaModel model;
    model.apply(accounts(), k_file);
    model.apply(orders(), k_file);
    return model;
}

} // namespace

TEST_CASE("create_table puts the table into the model with its constraints") {
    SchemaModel model;
    model.apply(accounts(), k_file);
    const auto* table = model.find_table("", "accounts");
    REQUIRE(table);
    CHECK(table->columns.size() == 3);
    CHECK(table->primary_key->columns == std::vector<std::string>{"id"});
    CHECK(table->unique.at(0).name == "uq_accounts_email");
    CHECK(table->checks.at(0).condition == "plan > 0");
    CHECK(model.complete());
    CHECK(error_of(model, accounts(7)) ==
          "versions/a1_accounts.yaml:7: create_table: table accounts already exists");
}

TEST_CASE("a column's own primary key, unique and references become named constraints") {
    SchemaModel model;
    model.apply(accounts(), k_file);
    CreateTable t;
    t.name = "notes";
    auto id = column("id");
    id.primary_key = true;
    auto account = column("account_id");
    account.unique = true;
    account.references = ForeignKey{"", {}, "", "accounts", {"id"}, "", ""};
    t.columns = {id, account};
    model.apply(t, k_file);
    const auto* notes = model.find_table("", "notes");
    REQUIRE(notes);
    CHECK(notes->primary_key == PrimaryKey{"pk_notes", {"id"}});
    CHECK(notes->unique.at(0) == UniqueConstraint{"uq_notes_account_id", {"account_id"}});
    CHECK(notes->foreign_keys.at(0).name == "fk_notes_account_id_accounts");
    CHECK(notes->foreign_keys.at(0).columns == std::vector<std::string>{"account_id"});
    CHECK_FALSE(notes->columns.at(1).unique);
}

TEST_CASE("drop_table and rename_table") {
    auto model = with_accounts_and_orders();
    SUBCASE("a table another table's foreign key references cannot be dropped") {
        CHECK(error_of(model, DropTable{"", "accounts", 30}) ==
              "versions/a1_accounts.yaml:30: drop_table: table accounts is referenced by foreign "
              "key fk_orders_account_id_accounts of table orders; drop that first");
    }
    SUBCASE("dropping the referring table first works") {
        model.apply(DropTable{"", "orders", 30}, k_file);
        model.apply(DropTable{"", "accounts", 31}, k_file);
        CHECK(model.tables().empty());
        CHECK(error_of(model, DropTable{"", "accounts", 32}) ==
              "versions/a1_accounts.yaml:32: drop_table: table accounts does not exist");
    }
    SUBCASE("a rename carries foreign keys and indexes along") {
        model.apply(index_on("ix_accounts_email", "accounts", "email"), k_file);
        model.apply(RenameTable{"", "accounts", "users", 30}, k_file);
        CHECK_FALSE(model.find_table("", "accounts"));
        REQUIRE(model.find_table("", "users"));
        CHECK(model.find_table("", "users")->indexes.at(0).table == "users");
        CHECK(model.find_table("", "orders")->foreign_keys.at(0).referred_table == "users");
        CHECK(error_of(model, RenameTable{"", "users", "orders", 31}) ==
              "versions/a1_accounts.yaml:31: rename_table: table orders already exists");
    }
}

TEST_CASE("add_column, drop_column and their errors") {
    auto model = with_accounts_and_orders();
    model.apply(AddColumn{"", "accounts", column("nickname", ColumnType::Kind::text), 40}, k_file);
    CHECK(model.find_table("", "accounts")->columns.back().name == "nickname");
    CHECK(error_of(model, AddColumn{"", "accounts", column("nickname"), 41}) ==
          "versions/a1_accounts.yaml:41: add_column: column nickname already exists in table "
          "accounts");
    CHECK(error_of(model, AddColumn{"", "nowhere", column("x"), 42}) ==
          "versions/a1_accounts.yaml:42: add_column: table nowhere does not exist");
    model.apply(DropColumn{"", "accounts", "nickname", 43}, k_file);
    CHECK_FALSE(model.find_table("", "accounts")->find_column("nickname"));
    CHECK(error_of(model, DropColumn{"", "accounts", "nickname", 44}) ==
          "versions/a1_accounts.yaml:44: drop_column: table accounts has no column nickname");

    SUBCASE("a column an index or constraint uses is not dropped silently") {
        model.apply(index_on("ix_accounts_plan", "accounts", "plan", 45), k_file);
        CHECK(error_of(model, DropColumn{"", "accounts", "plan", 46}) ==
              "versions/a1_accounts.yaml:46: drop_column: column plan of table accounts is used "
              "by index ix_accounts_plan; drop it first");
        CHECK(error_of(model, DropColumn{"", "accounts", "id", 48}) ==
              "versions/a1_accounts.yaml:48: drop_column: column id of table accounts is used "
              "by primary key pk_accounts; drop it first");
        model.apply(CreateUniqueConstraint{"", "accounts", {"uq_pair", {"email", "plan"}}, 49},
                    k_file);
        CHECK(error_of(model, DropColumn{"", "accounts", "email", 50}) ==
              "versions/a1_accounts.yaml:50: drop_column: column email of table accounts is "
              "used by unique constraint uq_pair; drop it first");
    }
    SUBCASE("a unique constraint or foreign key on the column alone goes with it") {
        model.apply(DropColumn{"", "accounts", "email", 47}, k_file);
        CHECK(model.find_table("", "accounts")->unique.empty());
        model.apply(DropColumn{"", "orders", "account_id", 48}, k_file);
        CHECK(model.find_table("", "orders")->foreign_keys.empty());
    }
}

TEST_CASE("alter_column changes only what it names and renames everywhere") {
    auto model = with_accounts_and_orders();
    model.apply(index_on("ix_orders_account_id", "orders", "account_id"), k_file);
    AlterColumn alter;
    alter.table = "accounts";
    alter.column = "id";
    alter.new_column_name = "account_no";
    alter.comment = "the number";
    alter.line = 50;
    model.apply(alter, k_file);
    const auto* table = model.find_table("", "accounts");
    CHECK(table->columns.at(0).name == "account_no");
    CHECK(table->columns.at(0).comment == "the number");
    CHECK(table->columns.at(0).nullable == false);
    CHECK(table->primary_key->columns == std::vector<std::string>{"account_no"});
    CHECK(model.find_table("", "orders")->foreign_keys.at(0).referred_columns ==
          std::vector<std::string>{"account_no"});

    AlterColumn retype;
    retype.table = "accounts";
    retype.column = "plan";
    retype.type = type_of(ColumnType::Kind::bigint);
    retype.nullable = false;
    retype.server_default = std::optional<ServerDefault>{ServerDefault{}};
    retype.line = 51;
    model.apply(retype, k_file);
    const auto& plan = *model.find_table("", "accounts")->find_column("plan");
    CHECK(plan.type.kind == ColumnType::Kind::bigint);
    CHECK_FALSE(plan.nullable);
    CHECK(plan.server_default.has_value());

    AlterColumn clash;
    clash.table = "accounts";
    clash.column = "plan";
    clash.new_column_name = "email";
    clash.line = 52;
    CHECK(error_of(model, clash) == "versions/a1_accounts.yaml:52: alter_column: column email "
                                    "already exists in table accounts");
    clash.column = "missing";
    CHECK(error_of(model, clash) ==
          "versions/a1_accounts.yaml:52: alter_column: table accounts has no column missing");
}

TEST_CASE("indexes: names are per schema; their columns must exist") {
    auto model = with_accounts_and_orders();
    model.apply(index_on("ix_plan", "accounts", "plan"), k_file);
    CHECK(model.find_index("", "ix_plan"));
    CHECK(error_of(model, index_on("ix_plan", "orders", "id", 60)) ==
          "versions/a1_accounts.yaml:60: create_index: index ix_plan already exists on table "
          "accounts");
    CHECK(error_of(model, index_on("ix_nope", "orders", "nope", 61)) ==
          "versions/a1_accounts.yaml:61: create_index: table orders has no column nope");
    CHECK(error_of(model, DropIndex{"", "ix_plan", "orders", false, 62}) ==
          "versions/a1_accounts.yaml:62: drop_index: index ix_plan does not exist on table "
          "orders");
    model.apply(DropIndex{"", "ix_plan", "", false, 63}, k_file);
    CHECK_FALSE(model.find_index("", "ix_plan"));
    CHECK(error_of(model, DropIndex{"", "ix_plan", "", false, 64}) ==
          "versions/a1_accounts.yaml:64: drop_index: index ix_plan does not exist");
}

TEST_CASE("constraints: made, refused when the name is taken, dropped by type and name") {
    auto model = with_accounts_and_orders();
    model.apply(CreateCheckConstraint{"", "orders", {"ck_orders_id", "id > 0"}, 70}, k_file);
    model.apply(CreateUniqueConstraint{"", "orders", {"uq_orders_account_id", {"account_id"}}, 71},
                k_file);
    CHECK(error_of(model, CreateUniqueConstraint{"", "orders", {"ck_orders_id", {"id"}}, 72}) ==
          "versions/a1_accounts.yaml:72: create_unique_constraint: table orders already has a "
          "constraint named ck_orders_id");
    CHECK(error_of(model, CreatePrimaryKey{"", "orders", {"pk_two", {"account_id"}}, 73}) ==
          "versions/a1_accounts.yaml:73: create_primary_key: table orders already has primary "
          "key pk_orders");
    CHECK(error_of(model, CreateForeignKey{"", "orders",
                                           ForeignKey{"fk_x", {"id"}, "", "ghosts", {"id"}, "", ""},
                                           74}) ==
          "versions/a1_accounts.yaml:74: create_foreign_key: foreign key fk_x references table "
          "ghosts, which does not exist");
    CHECK(
        error_of(model, DropConstraint{"", "orders", "ck_orders_id", ConstraintType::unique, 75}) ==
        "versions/a1_accounts.yaml:75: drop_constraint: table orders has no unique constraint "
        "ck_orders_id");
    model.apply(DropConstraint{"", "orders", "ck_orders_id", ConstraintType::check, 76}, k_file);
    model.apply(DropConstraint{"", "orders", "pk_orders", ConstraintType::primary, 77}, k_file);
    CHECK(model.find_table("", "orders")->checks.empty());
    CHECK_FALSE(model.find_table("", "orders")->primary_key);
}

TEST_CASE("an enum type lives from the first column using it to the last") {
    SchemaModel model;
    model.apply(accounts(), k_file);
    auto mood = column("mood");
    mood.type = enum_type("mood", {"happy", "sad"});
    model.apply(AddColumn{"", "accounts", mood, 80}, k_file);
    auto mood2 = mood;
    mood2.name = "mood2";
    model.apply(AddColumn{"", "accounts", mood2, 81}, k_file);
    CHECK(model.enums().at("mood") == std::vector<std::string>{"happy", "sad"});
    auto other = mood;
    other.name = "mood3";
    other.type.enum_values = {"up"};
    CHECK(error_of(model, AddColumn{"", "accounts", other, 82}) ==
          "versions/a1_accounts.yaml:82: add_column: enum mood already exists with values "
          "(happy, sad); a column using it must list the same values");
    model.apply(DropColumn{"", "accounts", "mood", 83}, k_file);
    CHECK(model.enums().count("mood") == 1);
    model.apply(DropColumn{"", "accounts", "mood2", 84}, k_file);
    CHECK(model.enums().empty());
}

TEST_CASE("a column given its enum type with other values relabels the type for every column") {
    SchemaModel model;
    model.apply(accounts(), k_file);
    auto mood = column("mood");
    mood.type = enum_type("mood", {"happy", "sad"});
    model.apply(AddColumn{"", "accounts", mood, 80}, k_file);
    mood.name = "mood2";
    model.apply(AddColumn{"", "accounts", mood, 81}, k_file);
    AlterColumn relabel;
    relabel.table = "accounts";
    relabel.column = "mood";
    relabel.type = enum_type("mood", {"happy", "meh"});
    relabel.line = 82;
    model.apply(relabel, k_file);
    CHECK(model.enums().at("mood") == std::vector<std::string>{"happy", "meh"});
    CHECK(model.find_table("", "accounts")->find_column("mood2")->type.enum_values ==
          std::vector<std::string>{"happy", "meh"});
    // A column of another type cannot bring other values for it.
    AlterColumn retype = relabel;
    retype.column = "email";
    retype.type = enum_type("mood", {"up"});
    CHECK(error_of(model, retype) ==
          "versions/a1_accounts.yaml:82: alter_column: enum mood already exists with values "
          "(happy, meh); a column using it must list the same values");
}

TEST_CASE("after an execute, what the model does not know is no error") {
    SchemaModel model;
    model.apply(Execute{"CREATE TABLE legacy (id int)", {}, 1}, k_file);
    CHECK_FALSE(model.complete());
    CHECK(error_of(model, AddColumn{"", "legacy", column("x"), 2}).empty());
    CHECK(error_of(model, DropIndex{"", "ix_legacy", "", false, 3}).empty());
    CHECK(error_of(model, DropTable{"", "legacy", 4}).empty());
    CHECK(model.tables().empty());
    model.apply(accounts(), k_file);
    CHECK(error_of(model, accounts()).empty()); // replaced, not refused
    CHECK(model.find_table("", "accounts"));
}

TEST_CASE("bulk_insert needs the table and its columns") {
    auto model = with_accounts_and_orders();
    BulkInsert insert{"", "accounts", {{{"nope", Literal{}}}}, 90};
    CHECK(error_of(model, insert) ==
          "versions/a1_accounts.yaml:90: bulk_insert: table accounts has no column nope");
}
