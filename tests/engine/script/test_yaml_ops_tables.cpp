// create_table, drop_table, rename_table, add_column, drop_column and
// alter_column read from YAML into the op model, compared whole.
#include "engine/ops/operation.hpp"
#include "tests/engine/script/yaml_ops_test_support.hpp"

#include <doctest/doctest.h>

// Designated initializers name only the fields a case sets; the others keep
// their defaults, which is the point.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace fleet::engine::ops;
using namespace fleet::test;

namespace {

ColumnType type(std::string_view text) { return *parse_column_type(text, nullptr); }

ServerDefault literal(Literal::Kind kind, std::string text) {
    return ServerDefault{.kind = ServerDefault::Kind::literal, .value = {kind, std::move(text)}};
}

} // namespace

TEST_CASE("create_table reads INTERFACE's example, its column keys moved to table constraints") {
    const auto op = read_op<CreateTable>(R"yaml(  - create_table:
      name: accounts
      columns:
        - {name: id, type: bigint, primary_key: true, autoincrement: true}
        - {name: email, type: varchar(255), nullable: false}
        - {name: plan, type: varchar(20), nullable: false, server_default: free}
        - {name: active, type: boolean, nullable: false, server_default: true}
        - {name: created_at, type: timestamp, nullable: false, server_default: {expr: current_timestamp}}
        - {name: org_id, type: bigint, references: {table: orgs, column: id, ondelete: cascade}}
        - {name: code, type: char(3), unique: true, comment: ISO code}
      unique: [{name: uq_accounts_email, columns: [email]}]
      checks: [{name: ck_accounts_plan, condition: "plan IN ('free', 'pro')"}, {condition: "length(code) = 3"}]
      comment: who pays
)yaml");
    CreateTable expected;
    expected.name = "accounts";
    expected.columns = {
        {.name = "id", .type = type("bigint"), .nullable = false, .autoincrement = true},
        {.name = "email", .type = type("varchar(255)"), .nullable = false},
        {.name = "plan",
         .type = type("varchar(20)"),
         .nullable = false,
         .server_default = literal(Literal::Kind::string, "free")},
        {.name = "active",
         .type = type("boolean"),
         .nullable = false,
         .server_default = literal(Literal::Kind::boolean, "true")},
        {.name = "created_at",
         .type = type("timestamp"),
         .nullable = false,
         .server_default = ServerDefault{.kind = ServerDefault::Kind::expression,
                                         .expression = "current_timestamp"}},
        {.name = "org_id", .type = type("bigint")},
        {.name = "code", .type = type("char(3)"), .comment = "ISO code"},
    };
    expected.primary_key = PrimaryKey{"pk_accounts", {"id"}};
    expected.unique = {{"uq_accounts_code", {"code"}}, {"uq_accounts_email", {"email"}}};
    expected.checks = {{"ck_accounts_plan", "plan IN ('free', 'pro')"},
                       {"ck_accounts_code", "length(code) = 3"}};
    expected.foreign_keys = {{.name = "fk_accounts_org_id_orgs",
                              .columns = {"org_id"},
                              .referred_table = "orgs",
                              .referred_columns = {"id"},
                              .ondelete = "CASCADE"}};
    expected.comment = "who pays";
    expected.line = 3;
    CHECK(op == expected);
}

TEST_CASE("create_table reads table-level keys in block style") {
    const auto op = read_op<CreateTable>(R"yaml(  - create_table:
      name: memberships
      schema: app
      columns:
        - name: user_id
          type: integer
        - name: team_id
          type: {postgresql: inet, sqlite: text}
        - name: role
          type: {enum: role, values: [owner, member]}
          server_default: {sql: "'member'", sqlite: "'m'"}
      primary_key: {columns: [user_id, team_id]}
      foreign_keys:
        - columns: [user_id]
          references: {table: users, columns: [id], schema: auth}
          onupdate: set  null
        - name: fk_team
          columns: [team_id]
          references: {table: teams, columns: [id]}
)yaml");
    CreateTable expected;
    expected.schema = "app";
    expected.name = "memberships";
    ColumnType per_dialect{.kind = ColumnType::Kind::per_dialect,
                           .by_dialect = {{"postgresql", "inet"}, {"sqlite", "text"}}};
    ColumnType role{.kind = ColumnType::Kind::enumeration,
                    .enum_name = "role",
                    .enum_values = {"owner", "member"}};
    expected.columns = {
        {.name = "user_id", .type = type("integer"), .nullable = false},
        {.name = "team_id", .type = per_dialect, .nullable = false},
        {.name = "role",
         .type = role,
         .server_default = ServerDefault{.kind = ServerDefault::Kind::sql,
                                         .sql = "'member'",
                                         .by_dialect = {{"sqlite", "'m'"}}}},
    };
    expected.primary_key = PrimaryKey{"pk_memberships", {"user_id", "team_id"}};
    expected.foreign_keys = {{.name = "fk_memberships_user_id_users",
                              .columns = {"user_id"},
                              .referred_schema = "auth",
                              .referred_table = "users",
                              .referred_columns = {"id"},
                              .onupdate = "SET NULL"},
                             {.name = "fk_team",
                              .columns = {"team_id"},
                              .referred_table = "teams",
                              .referred_columns = {"id"}}};
    expected.line = 3;
    CHECK(op == expected);
}

TEST_CASE("drop_table and rename_table read their keys") {
    const auto ops = read_ops("  - drop_table: {name: accounts, schema: app}\n"
                              "  - rename_table: {table: a, new_name: b}\n");
    REQUIRE(ops.size() == 2);
    CHECK(std::get<DropTable>(ops[0]) == DropTable{"app", "accounts", 3});
    CHECK(std::get<RenameTable>(ops[1]) == RenameTable{"", "a", "b", 4});
}

TEST_CASE("add_column keeps unique and references on its column, named") {
    const auto op = read_op<AddColumn>(R"yaml(  - add_column:
      table: accounts
      column:
        name: org_id
        type: BIGINT
        unique: true
        server_default: 0
        references: {table: orgs, column: id, ondelete: SET DEFAULT, onupdate: no action}
)yaml");
    AddColumn expected;
    expected.table = "accounts";
    expected.column = {.name = "org_id",
                       .type = type("bigint"),
                       .unique = true,
                       .server_default = literal(Literal::Kind::number, "0"),
                       .references = ForeignKey{.name = "fk_accounts_org_id_orgs",
                                                .columns = {"org_id"},
                                                .referred_table = "orgs",
                                                .referred_columns = {"id"},
                                                .ondelete = "SET DEFAULT",
                                                .onupdate = "NO ACTION"}};
    expected.line = 3;
    CHECK(op == expected);
}

TEST_CASE("drop_column reads its keys") {
    CHECK(read_op<DropColumn>("  - drop_column: {table: accounts, column: plan, schema: s}\n") ==
          DropColumn{"s", "accounts", "plan", 3});
}

TEST_CASE("alter_column reads every key; server_default null drops the default") {
    const auto op = read_op<AlterColumn>(R"yaml(  - alter_column:
      table: accounts
      column: plan
      type: text
      nullable: true
      server_default: null
      new_column_name: tier
      comment: null
      postgresql_using: plan::text
      existing_type: varchar(20)
      existing_nullable: false
      existing_server_default: "free"
      existing_comment: the plan
)yaml");
    AlterColumn expected;
    expected.table = "accounts";
    expected.column = "plan";
    expected.type = type("text");
    expected.nullable = true;
    expected.server_default = std::optional<ServerDefault>{};
    expected.new_column_name = "tier";
    expected.comment = "";
    expected.postgresql_using = "plan::text";
    expected.existing_type = type("varchar(20)");
    expected.existing_nullable = false;
    expected.existing_server_default = literal(Literal::Kind::string, "free");
    expected.existing_comment = "the plan";
    expected.line = 3;
    CHECK(op == expected);
    CHECK(op.server_default.has_value());
    CHECK_FALSE(op.server_default->has_value());
}

TEST_CASE("alter_column leaves what it is not given unchanged") {
    const auto op = read_op<AlterColumn>(
        "  - alter_column: {table: t, column: c, server_default: {expr: CURRENT_DATE}}\n");
    AlterColumn expected;
    expected.table = "t";
    expected.column = "c";
    expected.server_default = std::optional<ServerDefault>{
        ServerDefault{.kind = ServerDefault::Kind::expression, .expression = "current_date"}};
    expected.line = 3;
    CHECK(op == expected);
    CHECK_FALSE(op.nullable.has_value());
    CHECK_FALSE(op.comment.has_value());
}
