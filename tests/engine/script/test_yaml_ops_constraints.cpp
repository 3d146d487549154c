// create_index, drop_index, the constraint operations and bulk_insert read
// from YAML into the op model, compared whole.
#include "engine/ops/operation.hpp"
#include "tests/engine/script/yaml_ops_test_support.hpp"

#include <doctest/doctest.h>

// Designated initializers name only the fields a case sets; the others keep
// their defaults, which is the point.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace fleet::engine::ops;
using namespace fleet::test;

TEST_CASE("create_index reads columns, expressions, where, unique and concurrently") {
    const auto op = read_op<CreateIndex>(R"yaml(  - create_index:
      table: accounts
      columns: [org_id, {expr: lower(email)}]
      unique: true
      where: active
      postgresql_concurrently: true
      schema: app
)yaml");
    CreateIndex expected;
    expected.schema = "app";
    expected.name = "ix_accounts_org_id";
    expected.table = "accounts";
    expected.columns = {{"org_id", ""}, {"", "lower(email)"}};
    expected.unique = true;
    expected.where = "active";
    expected.postgresql_concurrently = true;
    expected.line = 3;
    CHECK(op == expected);
}

TEST_CASE("create_index keeps a given name; an expression first names the index by its column") {
    CHECK(read_op<CreateIndex>("  - create_index: {name: ix_a, table: t, columns: [c]}\n").name ==
          "ix_a");
    CHECK(read_op<CreateIndex>("  - create_index: {table: t, columns: [{expr: lower(email)}]}\n")
              .name == "ix_t_email");
}

TEST_CASE("drop_index reads its keys") {
    CHECK(
        read_op<DropIndex>(
            "  - drop_index: {name: ix_a, table: t, schema: s, postgresql_concurrently: true}\n") ==
        DropIndex{"s", "ix_a", "t", true, 3});
    CHECK(read_op<DropIndex>("  - drop_index: {name: ix_a}\n") ==
          DropIndex{"", "ix_a", "", false, 3});
}

TEST_CASE("the create_*_constraint operations read their keys, named by convention when unnamed") {
    const auto ops = read_ops(R"yaml(  - create_primary_key: {table: t, columns: [a, b]}
  - create_primary_key: {name: pk_x, table: t, columns: [a], schema: s}
  - create_unique_constraint: {table: t, columns: [b, a]}
  - create_unique_constraint: {name: uq_x, table: t, columns: [a]}
  - create_foreign_key:
      table: t
      columns: [a, b]
      references: {table: p, columns: [x, y]}
      ondelete: restrict
  - create_foreign_key: {name: fk_x, table: t, columns: [a], references: {table: p, columns: [x], schema: o}, onupdate: cascade}
  - create_check_constraint: {table: t, condition: "t.\"Price\" > 0"}
  - create_check_constraint: {name: ck_x, table: t, condition: a > 0}
)yaml");
    REQUIRE(ops.size() == 8);
    CHECK(std::get<CreatePrimaryKey>(ops[0]) == CreatePrimaryKey{"", "t", {"pk_t", {"a", "b"}}, 3});
    CHECK(std::get<CreatePrimaryKey>(ops[1]) == CreatePrimaryKey{"s", "t", {"pk_x", {"a"}}, 4});
    CHECK(std::get<CreateUniqueConstraint>(ops[2]) ==
          CreateUniqueConstraint{"", "t", {"uq_t_b", {"b", "a"}}, 5});
    CHECK(std::get<CreateUniqueConstraint>(ops[3]) ==
          CreateUniqueConstraint{"", "t", {"uq_x", {"a"}}, 6});
    CHECK(std::get<CreateForeignKey>(ops[4]) == CreateForeignKey{"",
                                                                 "t",
                                                                 {.name = "fk_t_a_p",
                                                                  .columns = {"a", "b"},
                                                                  .referred_table = "p",
                                                                  .referred_columns = {"x", "y"},
                                                                  .ondelete = "RESTRICT"},
                                                                 7});
    CHECK(std::get<CreateForeignKey>(ops[5]) == CreateForeignKey{"",
                                                                 "t",
                                                                 {.name = "fk_x",
                                                                  .columns = {"a"},
                                                                  .referred_schema = "o",
                                                                  .referred_table = "p",
                                                                  .referred_columns = {"x"},
                                                                  .onupdate = "CASCADE"},
                                                                 12});
    CHECK(std::get<CreateCheckConstraint>(ops[6]) ==
          CreateCheckConstraint{"", "t", {"ck_t_Price", "t.\"Price\" > 0"}, 13});
    CHECK(std::get<CreateCheckConstraint>(ops[7]) ==
          CreateCheckConstraint{"", "t", {"ck_x", "a > 0"}, 14});
}

TEST_CASE("drop_constraint reads each type") {
    const auto ops = read_ops(R"yaml(  - drop_constraint: {name: pk_t, table: t, type: primary}
  - drop_constraint: {name: uq_t_a, table: t, type: unique}
  - drop_constraint: {name: fk_t_a_p, table: t, type: foreignkey, schema: s}
  - drop_constraint: {name: ck_t_a, table: t, type: check}
)yaml");
    REQUIRE(ops.size() == 4);
    CHECK(std::get<DropConstraint>(ops[0]) ==
          DropConstraint{"", "t", "pk_t", ConstraintType::primary, 3});
    CHECK(std::get<DropConstraint>(ops[1]) ==
          DropConstraint{"", "t", "uq_t_a", ConstraintType::unique, 4});
    CHECK(std::get<DropConstraint>(ops[2]) ==
          DropConstraint{"s", "t", "fk_t_a_p", ConstraintType::foreignkey, 5});
    CHECK(std::get<DropConstraint>(ops[3]) ==
          DropConstraint{"", "t", "ck_t_a", ConstraintType::check, 6});
}

TEST_CASE("bulk_insert reads rows of literals: quoted text stays text, plain scalars resolve") {
    const auto op = read_op<BulkInsert>(R"yaml(  - bulk_insert:
      table: accounts
      rows:
        - {id: 1, email: "5", active: true, note: null, score: -2.5e3}
        - {id: '2', email: it's, active: False, note: ~, score: 0x1F}
        - id: 3
          email: |
            two
            lines
        - {id: !!str 4, email: !!str true, active: "true", note: "null", score: .inf}
)yaml");
    using K = Literal::Kind;
    BulkInsert expected;
    expected.table = "accounts";
    expected.rows = {
        {{"id", {K::number, "1"}},
         {"email", {K::string, "5"}},
         {"active", {K::boolean, "true"}},
         {"note", {K::null, ""}},
         {"score", {K::number, "-2.5e3"}}},
        {{"id", {K::string, "2"}},
         {"email", {K::string, "it's"}},
         {"active", {K::boolean, "false"}},
         {"note", {K::null, ""}},
         {"score", {K::string, "0x1F"}}},
        {{"id", {K::number, "3"}}, {"email", {K::string, "two\nlines\n"}}},
        {{"id", {K::string, "4"}},
         {"email", {K::string, "true"}},
         {"active", {K::string, "true"}},
         {"note", {K::string, "null"}},
         {"score", {K::string, ".inf"}}},
    };
    expected.line = 3;
    CHECK(op == expected);
}

TEST_CASE("every operation's line is the line of its name, and its name and table are known") {
    const auto ops = read_ops(R"yaml(  - execute: SELECT 1
  -   drop_table:
        name: a
  - rename_table: {table: a, new_name: b}
  - bulk_insert: {table: b, rows: []}
)yaml");
    REQUIRE(ops.size() == 4);
    CHECK(source_line(ops[0]) == 3);
    CHECK(source_line(ops[1]) == 4);
    CHECK(source_line(ops[2]) == 6);
    CHECK(source_line(ops[3]) == 7);
    CHECK(operation_name(ops[0]) == "execute");
    CHECK(operation_name(ops[1]) == "drop_table");
    CHECK(operation_name(ops[3]) == "bulk_insert");
    CHECK(table_of(ops[0]).empty());
    CHECK(table_of(ops[1]) == "a");
    CHECK(table_of(ops[2]) == "a");
    CHECK(table_of(ops[3]) == "b");
}
