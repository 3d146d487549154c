#include "engine/autogen/ops_yaml.hpp"

#include "engine/script/script_file.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// What autogenerate writes must read back as the same operations: the YAML
// revision reader is the contract.

namespace {

using namespace fleet::engine;

ops::ColumnType of(ops::ColumnType::Kind kind, std::optional<int> length = {}) {
    ops::ColumnType type;
    type.kind = kind;
    type.length = length;
    return type;
}

ops::ServerDefault literal(ops::Literal::Kind kind, std::string text) {
    ops::ServerDefault value;
    value.value = {kind, std::move(text)};
    return value;
}

ops::Column column(std::string name, ops::ColumnType type, bool nullable = true) {
    ops::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.nullable = nullable;
    return c;
}

std::vector<ops::Operation> read_back(const std::string& steps) {
    const std::string text =
        "revision: abc123\ndown_revision: null\nmessage: m\nupgrade:\n" + steps;
    auto script = script::parse_script(text, "t.yaml", script::ScriptFormat::yaml);
    auto ops = script.operations(script::Direction::upgrade, "sqlite");
    for (auto& op : ops)
        std::visit([](auto& o) { o.line = 0; }, op);
    return ops;
}

} // namespace

TEST_CASE("Operations written as YAML steps read back as the same operations") {
    ops::CreateTable table;
    table.name = "accounts";
    ops::Column id = column("id", of(ops::ColumnType::Kind::bigint), false);
    id.autoincrement = true;
    ops::Column plan = column("plan", of(ops::ColumnType::Kind::varchar, 20), false);
    plan.server_default = literal(ops::Literal::Kind::string, "it's \"free\"");
    ops::Column minus = column("minus", of(ops::ColumnType::Kind::text));
    minus.server_default = literal(ops::Literal::Kind::string, "-1"); // stays a string
    ops::Column raw = column("spot", of(ops::ColumnType::Kind::raw));
    raw.type.raw = "character varying";
    ops::ServerDefault now;
    now.kind = ops::ServerDefault::Kind::expression;
    now.expression = "current_timestamp";
    ops::Column at = column("at", of(ops::ColumnType::Kind::timestamp));
    at.server_default = now;
    table.columns = {id, plan, minus, raw, at};
    table.primary_key = ops::PrimaryKey{"pk_accounts", {"id"}};
    table.unique = {{"uq_accounts_plan", {"plan"}}};
    table.checks = {{"ck_accounts_plan", "plan <> 'x: y'"}};
    table.foreign_keys = {{"fk_accounts_id_orgs", {"id"}, "", "orgs", {"id"}, "CASCADE", ""}};

    ops::CreateTable orgs;
    orgs.name = "orgs";
    orgs.columns = {column("id", of(ops::ColumnType::Kind::integer), false)};
    orgs.primary_key = ops::PrimaryKey{"pk_orgs", {"id"}};

    ops::CreateIndex index;
    index.name = "ix_accounts_lower";
    index.table = "accounts";
    index.columns = {{"", "lower(plan)"}, {"at", ""}};
    index.unique = true;
    index.where = "plan IS NOT NULL";

    ops::AlterColumn alter;
    alter.table = "accounts";
    alter.column = "plan";
    alter.type = of(ops::ColumnType::Kind::text);
    alter.nullable = true;
    alter.server_default = std::optional<ops::ServerDefault>{};
    alter.existing_type = of(ops::ColumnType::Kind::varchar, 20);
    alter.existing_nullable = false;
    alter.existing_server_default = literal(ops::Literal::Kind::string, "free");

    const std::vector<ops::Operation> written = {
        orgs,
        table,
        index,
        alter,
        ops::AddColumn{"", "orgs", column("n", of(ops::ColumnType::Kind::integer)), 0},
        ops::CreateForeignKey{
            "", "orgs", {"fk_orgs_n_accounts", {"n"}, "", "accounts", {"id"}, "", "SET NULL"}, 0},
        ops::DropConstraint{"", "accounts", "uq_accounts_plan", ops::ConstraintType::unique, 0},
        ops::DropIndex{"", "ix_accounts_lower", "accounts", false, 0},
        ops::DropColumn{"", "orgs", "n", 0},
        ops::DropTable{"", "accounts", 0},
    };
    const auto steps = autogen::yaml_steps(written);
    CAPTURE(steps);
    CHECK(steps.rfind("  - create_table:\n", 0) == 0);
    CHECK(read_back(steps) == written);
    CHECK(autogen::yaml_steps({}).empty());
}
