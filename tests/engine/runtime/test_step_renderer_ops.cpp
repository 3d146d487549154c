#include "engine/error.hpp"
#include "engine/runtime/migration_context.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

// Portable YAML operations through a whole run on a real SQLite file: a
// revision that cannot be rendered stops the run before its first
// statement, and a YAML revision without `downgrade:` is downgraded by its
// derived opposite.

namespace {

using namespace fleet::engine;

struct RendererOpsFixture {
    fleet::test::TempDir dir;
    url::DatabaseUrl url;

    RendererOpsFixture() : url(url::DatabaseUrl::parse("sqlite:///" + dir.file("app.db"))) {}

    void write(const std::string& name, const std::string& text) const {
        dir.write("m/versions/" + name, text);
    }
    void run(const std::string& destination, bool down = false) const {
        auto scripts = script::ScriptDirectory::load(dir.path() / "m");
        revision::RevisionMap map(scripts.revisions());
        auto connection = fleet::plugins::connect(url);
        runtime::LiveSink sink(*connection);
        runtime::MigrationContext context(sink, scripts, {});
        auto heads = context.current_heads();
        context.run(down ? runtime::plan_downgrade(map, destination, heads)
                         : runtime::plan_upgrade(map, destination, heads),
                    heads);
    }
    std::vector<std::string> column(const std::string& sql) const {
        auto reader = fleet::plugins::connect(url);
        std::vector<std::string> values;
        for (const auto& row : reader->query(sql))
            values.push_back(row.at(0).value_or("NULL"));
        return values;
    }
    std::vector<std::string> tables() const {
        return column("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }
    std::string path(const std::string& name) const {
        return (dir.path() / "m" / "versions" / name).string();
    }
};

using Names = std::vector<std::string>;

const char* const k_accounts = R"(revision: a1
down_revision: null
upgrade:
  - create_table:
      name: accounts
      columns:
        - {name: id, type: integer, primary_key: true}
        - {name: email, type: text}
)";

} // namespace

TEST_CASE("a revision whose second step cannot be rendered leaves the database untouched") {
    RendererOpsFixture f;
    f.write("a1.yaml", k_accounts);
    f.write("b1.yaml", R"(revision: b1
down_revision: a1
upgrade:
  - create_table:
      name: orders
      columns:
        - {name: id, type: integer, primary_key: true}
  - create_index: {name: ix_orders_nope, table: orders, columns: [nope]}
)");
    CHECK_THROWS_WITH_AS(
        f.run("head"),
        (f.path("b1.yaml") + ":8: create_index: table orders has no column nope").c_str(),
        fleet::InputError);
    // Not even a1 ran, nor the version table: the whole run was refused.
    CHECK(f.tables().empty());
}

TEST_CASE("a portable YAML revision without downgrade: is downgraded by its derived opposite") {
    RendererOpsFixture f;
    f.write("a1.yaml", k_accounts);
    f.write("b1.yaml", R"(revision: b1
down_revision: a1
upgrade:
  - add_column: {table: accounts, column: {name: plan, type: integer}}
  - create_index: {name: ix_accounts_plan, table: accounts, columns: [plan]}
  - drop_column: {table: accounts, column: email}
)");
    f.run("head");
    CHECK(f.column("SELECT name FROM pragma_table_info('accounts') ORDER BY cid") ==
          Names{"id", "plan"});
    f.run("a1", true);
    CHECK(f.column("SELECT name FROM pragma_table_info('accounts') ORDER BY cid") ==
          Names{"id", "email"});
    CHECK(f.column("SELECT count(*) FROM sqlite_master WHERE name = 'ix_accounts_plan'") ==
          Names{"0"});
    f.run("base", true);
    CHECK(f.tables() == Names{"alembic_version", "fleet_history"});
    f.run("head"); // and up again, the same schema
    CHECK(f.column("SELECT name FROM pragma_table_info('accounts') ORDER BY cid") ==
          Names{"id", "plan"});
}
