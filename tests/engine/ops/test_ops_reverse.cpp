#include "engine/error.hpp"
#include "engine/ops/reverse.hpp"
#include "tests/engine/ops/ops_builders.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace fleet::engine::ops;
using namespace fleet::engine::ops::testing;
using fleet::InputError;

namespace {

const std::string k_reverse_file = "versions/b2_change.yaml";

// Applies `op` to `model`, then its reverse, and returns the model after:
// what a derived downgrade leaves.
SchemaModel round_trip(const SchemaModel& model, const Operation& op) {
    auto after = model;
    after.apply(op, k_reverse_file);
    for (const auto& undo : reverse(op, model, k_reverse_file))
        after.apply(undo, k_reverse_file);
    return after;
}

std::string refusal(const Operation& op, const SchemaModel& model) {
    try {
        reverse(op, model, k_reverse_file);
    } catch (const InputError& error) {
        return error.what();
    }
    return {};
}

SchemaModel base() {
    SchemaModel model;
    model.apply(accounts(), k_reverse_file);
    model.apply(orders(), k_reverse_file);
    model.apply(index_on("ix_orders_account_id", "orders", "account_id"), k_reverse_file);
    return model;
}

} // namespace

TEST_CASE("each operation's reverse gives the model back") {
    const auto model = base();
    SUBCASE("create_table") {
        auto notes = accounts(5);
        notes.name = "notes";
        CHECK(round_trip(model, notes) == model);
        CHECK(std::get<DropTable>(reverse(notes, model, k_reverse_file).at(0)).name == "notes");
    }
    SUBCASE("drop_table brings back columns, constraints and indexes") {
        const auto undo = reverse(DropTable{"", "orders", 5}, model, k_reverse_file);
        REQUIRE(undo.size() == 2);
        CHECK(std::get<CreateTable>(undo[0]).foreign_keys.at(0).ondelete == "CASCADE");
        CHECK(std::get<CreateIndex>(undo[1]).name == "ix_orders_account_id");
        CHECK(source_line(undo[1]) == 5);
        CHECK(round_trip(model, DropTable{"", "orders", 5}) == model);
    }
    SUBCASE("rename_table") {
        CHECK(round_trip(model, RenameTable{"", "orders", "o", 5}) == model);
    }
    SUBCASE("add_column, with the constraints it brings") {
        auto parent = column("parent_id");
        parent.unique = true;
        parent.references = ForeignKey{"", {}, "", "accounts", {"id"}, "", ""};
        CHECK(round_trip(model, AddColumn{"", "orders", parent, 5}) == model);
        CHECK(reverse(AddColumn{"", "orders", parent, 5}, model, k_reverse_file).size() == 3);
    }
    SUBCASE("drop_column (the last one: a column comes back at the end, as in the database)") {
        auto with_note = model;
        with_note.apply(AddColumn{"", "orders", column("note", ColumnType::Kind::text), 4},
                        k_reverse_file);
        CHECK(round_trip(with_note, DropColumn{"", "orders", "note", 5}) == with_note);
    }
    SUBCASE("drop_column brings back the column's own foreign key") {
        SchemaModel plain;
        plain.apply(accounts(), k_reverse_file);
        plain.apply(orders(), k_reverse_file);
        const auto undo = reverse(DropColumn{"", "orders", "account_id", 5}, plain, k_reverse_file);
        REQUIRE(undo.size() == 2);
        CHECK(std::get<CreateForeignKey>(undo[1]).key.ondelete == "CASCADE");
        CHECK(round_trip(plain, DropColumn{"", "orders", "account_id", 5}) == plain);
    }
    SUBCASE("alter_column from the model's old values") {
        AlterColumn alter;
        alter.table = "accounts";
        alter.column = "plan";
        alter.type = type_of(ColumnType::Kind::text);
        alter.nullable = false;
        alter.server_default = std::optional<ServerDefault>{ServerDefault{}};
        alter.comment = "the plan";
        alter.new_column_name = "tier";
        alter.line = 5;
        CHECK(round_trip(model, alter) == model);
        const auto undo = std::get<AlterColumn>(reverse(alter, model, k_reverse_file).at(0));
        CHECK(undo.column == "tier");
        CHECK(undo.new_column_name == "plan");
        CHECK(undo.type->kind == ColumnType::Kind::integer);
        CHECK(undo.existing_type->kind == ColumnType::Kind::text);
        CHECK(undo.nullable == true);
        CHECK_FALSE(undo.postgresql_using_cast);
        alter.postgresql_using = "plan::text";
        const auto cast_back = std::get<AlterColumn>(reverse(alter, model, k_reverse_file).at(0));
        CHECK(cast_back.postgresql_using_cast);
        CHECK(cast_back.postgresql_using.empty());
    }
    SUBCASE("alter_column from existing_* when given, even where the model knows") {
        AlterColumn alter;
        alter.table = "accounts";
        alter.column = "plan";
        alter.nullable = false;
        alter.existing_nullable = false;
        alter.line = 5;
        CHECK(std::get<AlterColumn>(reverse(alter, model, k_reverse_file).at(0)).nullable == false);
    }
    SUBCASE("create_index and drop_index") {
        CHECK(round_trip(model, index_on("ix_accounts_plan", "accounts", "plan", 5)) == model);
        CHECK(round_trip(model, DropIndex{"", "ix_orders_account_id", "", true, 5}) == model);
    }
    SUBCASE("create and drop of each kind of constraint") {
        auto no_pk = model;
        no_pk.apply(DropConstraint{"", "orders", "pk_orders", ConstraintType::primary, 4},
                    k_reverse_file);
        CHECK(round_trip(no_pk, CreatePrimaryKey{"", "orders", {"pk_orders", {"id"}}, 5}) == no_pk);
        CHECK(round_trip(model, CreateUniqueConstraint{"", "orders", {"uq_o", {"id"}}, 5}) ==
              model);
        CHECK(round_trip(model, CreateCheckConstraint{"", "orders", {"ck_o", "id > 1"}, 5}) ==
              model);
        CHECK(round_trip(model, CreateForeignKey{
                                    "", "accounts",
                                    ForeignKey{"fk_a", {"plan"}, "", "orders", {"id"}, "", ""},
                                    5}) == model);
        for (const auto& [name, type] : {std::pair{"pk_accounts", ConstraintType::primary},
                                         std::pair{"uq_accounts_email", ConstraintType::unique},
                                         std::pair{"ck_accounts_plan", ConstraintType::check}}) {
            CAPTURE(name);
            CHECK(round_trip(model, DropConstraint{"", "accounts", name, type, 5}) == model);
        }
        CHECK(round_trip(model, DropConstraint{"", "orders", "fk_orders_account_id_accounts",
                                               ConstraintType::foreignkey, 5}) == model);
    }
    SUBCASE("an enum column dropped comes back with its type") {
        auto with_enum = model;
        auto mood = column("mood");
        mood.type = enum_type("mood", {"happy", "sad"});
        with_enum.apply(AddColumn{"", "orders", mood, 4}, k_reverse_file);
        CHECK(round_trip(with_enum, DropColumn{"", "orders", "mood", 5}) == with_enum);
        CHECK(round_trip(with_enum, DropColumn{"", "orders", "mood", 5}).enums().size() == 1);
    }
}

TEST_CASE("what has no opposite is refused, naming file, line and step") {
    const auto model = base();
    CHECK(refusal(Execute{"UPDATE accounts SET plan = 1", {}, 7}, model) ==
          "versions/b2_change.yaml:7: execute cannot be reversed: its SQL has no known "
          "opposite; write a downgrade: for this revision");
    CHECK(refusal(BulkInsert{"", "accounts", {}, 8}, model) ==
          "versions/b2_change.yaml:8: bulk_insert cannot be reversed: the rows inserted into "
          "accounts have no known opposite; write a downgrade: for this revision");
    CHECK(refusal(DropTable{"", "legacy", 9}, model) ==
          "versions/b2_change.yaml:9: drop_table cannot be reversed: the replayed schema has "
          "no table legacy (was it made by an execute?); write a downgrade: for this revision");
    CHECK(refusal(DropIndex{"", "ix_legacy", "", false, 10}, model) ==
          "versions/b2_change.yaml:10: drop_index cannot be reversed: the replayed schema has "
          "no index ix_legacy; write a downgrade: for this revision");
    AlterColumn alter;
    alter.table = "legacy";
    alter.column = "x";
    alter.type = type_of(ColumnType::Kind::text);
    alter.line = 11;
    CHECK(refusal(alter, model) ==
          "versions/b2_change.yaml:11: alter_column cannot be reversed: the old type of column "
          "legacy.x is not known (give existing_type); write a downgrade: for "
          "this revision");
    alter.existing_type = type_of(ColumnType::Kind::integer);
    CHECK(refusal(alter, model).empty());
}

TEST_CASE("a derived downgrade undoes the upgrade's steps in reverse order") {
    const auto model = base();
    AlterColumn rename;
    rename.table = "accounts";
    rename.column = "plan";
    rename.new_column_name = "tier";
    rename.line = 6;
    const std::vector<Operation> upgrade{
        AddColumn{"", "accounts", column("note", ColumnType::Kind::text), 4},
        index_on("ix_accounts_note", "accounts", "note", 5), rename,
        DropIndex{"", "ix_orders_account_id", "orders", false, 7}};
    const auto downgrade = derive_downgrade(upgrade, model, k_reverse_file);
    REQUIRE(downgrade.size() == 4);
    CHECK(std::get<CreateIndex>(downgrade[0]).name == "ix_orders_account_id");
    CHECK(std::get<AlterColumn>(downgrade[1]).column == "tier");
    CHECK(std::get<DropIndex>(downgrade[2]).name == "ix_accounts_note");
    CHECK(std::get<DropColumn>(downgrade[3]).column == "note");

    auto after = model;
    for (const auto& op : upgrade)
        after.apply(op, k_reverse_file);
    for (const auto& op : downgrade)
        after.apply(op, k_reverse_file);
    CHECK(after == model);

    SUBCASE("the first step without an opposite is named") {
        auto with_sql = upgrade;
        with_sql.insert(with_sql.begin() + 1, Execute{"UPDATE accounts SET note = ''", {}, 9});
        CHECK_THROWS_WITH_AS(derive_downgrade(with_sql, model, k_reverse_file),
                             "versions/b2_change.yaml:9: execute cannot be reversed: its SQL "
                             "has no known opposite; write a downgrade: for this revision",
                             InputError);
    }
}
