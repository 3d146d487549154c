// The traced dry run on SQLite: a scratch file in a temporary folder of its
// own, a table rebuild seen by its new root page, and a failing statement.
#include "engine/runtime/migration_plan.hpp"
#include "engine/runtime/step_renderer.hpp"
#include "orchestrator/lint/dry_run.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/orchestrator/lint/lint_test_project.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

using fleet::engine::lint::RevisionTrace;
using fleet::engine::url::DatabaseUrl;
using fleet::orchestrator::lint::dry_run;
using fleet::orchestrator::lint::DryRunOptions;
using fleet::orchestrator::lint::PendingRevision;
using fleet::test::statement;

namespace {

// $TMPDIR pointed at a folder of the test's own while it lives, so what the
// dry run leaves there can be seen.
class OwnTempFolder {
  public:
    OwnTempFolder() {
        if (const char* old = std::getenv("TMPDIR")) m_old = old;
        ::setenv("TMPDIR", m_folder.path().c_str(), 1);
    }
    ~OwnTempFolder() {
        if (m_old)
            ::setenv("TMPDIR", m_old->c_str(), 1);
        else
            ::unsetenv("TMPDIR");
    }
    OwnTempFolder(const OwnTempFolder&) = delete;
    OwnTempFolder& operator=(const OwnTempFolder&) = delete;

    bool empty() const { return std::filesystem::is_empty(m_folder.path()); }

  private:
    fleet::test::TempDir m_folder;
    std::optional<std::string> m_old;
};

// Revision `id`'s upgrade statements on SQLite, rendered by the dialect's
// compiler against the schema the revisions before it build, as a live run
// renders them.
PendingRevision rendered_pending(const fleet::engine::command::Project& project,
                                 const std::string& id, const std::vector<std::string>& before) {
    const auto& dialect = fleet::plugins::dialect_for(DatabaseUrl::parse("sqlite://"));
    fleet::engine::runtime::StepRenderer renderer(project.scripts(), dialect,
                                                  dialect.capabilities(), true);
    const auto steps = fleet::engine::runtime::plan_upgrade(project.map(), id, before);
    const auto steps_rendered = renderer.render(steps);
    PendingRevision pending{id, {}};
    for (const auto& rendered_statement : steps_rendered.back().statements)
        pending.statements.push_back(
            statement(rendered_statement.sql, rendered_statement.outside_transaction));
    return pending;
}

struct SqliteTracedChain {
    fleet::test::LintTestProject files;
    std::vector<PendingRevision> pending;
    std::vector<RevisionTrace> traces;
    bool left_nothing = false; // in the temporary folder

    SqliteTracedChain() {
        files.yaml_revision("s01", "",
                            "  - create_table:\n"
                            "      name: items\n"
                            "      columns:\n"
                            "        - {name: id, type: integer, primary_key: true}\n"
                            "        - {name: name, type: varchar(50)}\n"
                            "  - execute: INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b')\n"
                            "  - create_table:\n"
                            "      name: other\n"
                            "      columns:\n"
                            "        - {name: id, type: integer, primary_key: true}\n");
        files.yaml_revision("s02", "s01",
                            "  - alter_column: {table: items, column: name, nullable: false, "
                            "existing_type: varchar(50)}\n");
        const auto project = files.project();
        pending.push_back(rendered_pending(project, "s02", {"s01"}));
        pending.push_back(
            files.sql_revision("s03", "s02",
                               {statement("ALTER TABLE items ADD COLUMN note text"),
                                statement("CREATE INDEX items_note ON items (note)")}));
        pending.push_back(files.sql_revision(
            "s04", "s03",
            {statement("UPDATE items SET note = 'x'"), statement("INSERT INTO nope VALUES (1)")}));
        pending.push_back(files.sql_revision(
            "s05", "s03", {statement("VACUUM"), statement("DELETE FROM items")}, false));
        DryRunOptions options;
        options.dialect = "sqlite";
        const auto written = files.project();
        OwnTempFolder temp;
        traces = dry_run(written, pending, options);
        left_nothing = temp.empty();
    }
};

const SqliteTracedChain& sqlite_chain() {
    static SqliteTracedChain traced;
    return traced;
}

} // namespace

TEST_CASE("a SQLite rebuild shows the table rewritten: its root page changed") {
    const auto& trace = sqlite_chain().traces.at(0);
    CHECK(trace.revision == "s02");
    CHECK(trace.traced);
    CHECK(trace.why_not == "");
    CHECK(trace.failed == "");
    // Create, copy, drop, rename: the table's name ends on new storage once.
    REQUIRE(sqlite_chain().pending[0].statements.size() >= 4);
    std::vector<std::string> rewritten;
    for (const auto& statement : trace.statements) {
        CHECK(statement.traced);
        CHECK(statement.locks.empty()); // SQLite shows no locks
        rewritten.insert(rewritten.end(), statement.rewritten.begin(), statement.rewritten.end());
    }
    CHECK(rewritten == std::vector<std::string>{"items"});
}

TEST_CASE("adding a column and an index on SQLite rewrites nothing") {
    const auto& trace = sqlite_chain().traces.at(1);
    CHECK(trace.traced);
    REQUIRE(trace.statements.size() == 2);
    CHECK(trace.statements[0].rewritten.empty());
    CHECK(trace.statements[1].rewritten.empty());
}

TEST_CASE("a failing SQLite statement gives its line and SQLite's message") {
    const auto& trace = sqlite_chain().traces.at(2);
    CHECK(trace.traced);
    CHECK(trace.failed_line == 8);
    CHECK(trace.failed.find("no such table: nope") != std::string::npos);
    REQUIRE(trace.statements.size() == 1);
    CHECK(trace.statements[0].line == 7);
}

TEST_CASE("VACUUM in a SQLite revision that runs outside a transaction is not traced") {
    const auto& trace = sqlite_chain().traces.at(3);
    CHECK(trace.traced);
    CHECK(trace.failed == "");
    CHECK(trace.why_not == "");
    REQUIRE(trace.statements.size() == 2);
    CHECK_FALSE(trace.statements[0].traced);
    CHECK(trace.statements[1].traced);
}

TEST_CASE("a SQLite dry run leaves nothing in the temporary folder") {
    REQUIRE(sqlite_chain().traces.size() == 4);
    CHECK(sqlite_chain().left_nothing);
}

TEST_CASE("a SQLite statement longer than the dry run waits is interrupted, and the run ends") {
    fleet::test::LintTestProject files;
    files.sql_revision("q01", "", {statement("CREATE TABLE t (id integer)")});
    std::vector<PendingRevision> pending{
        files.sql_revision("q02", "q01",
                           {statement("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                      "FROM c) SELECT count(*) FROM c")}),
        files.sql_revision("q03", "q02", {statement("ALTER TABLE t ADD COLUMN b int")})};
    DryRunOptions options;
    options.dialect = "sqlite";
    options.bounds.statement_timeout = std::chrono::milliseconds(200);
    OwnTempFolder temp;
    const auto started = std::chrono::steady_clock::now();
    const auto traces = dry_run(files.project(), pending, options);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    REQUIRE(traces.size() == 2);
    CHECK(traces[0].why_not.find("line 7 ran longer than the dry run waits (200ms)") == 0);
    CHECK(traces[0].failed == "");
    CHECK_FALSE(traces[1].traced);
    CHECK(traces[1].why_not.find("the dry run stopped at revision q02") == 0);
    CHECK(temp.empty());
}

TEST_CASE("revisions pending on many targets are put in the order an upgrade runs them") {
    fleet::test::LintTestProject files;
    files.sql_revision("u1", "", {statement("CREATE TABLE a (id integer)")});
    files.sql_revision("u2", "u1", {statement("CREATE TABLE b (id integer)")});
    files.sql_revision("u3", "u2", {statement("CREATE TABLE c (id integer)")});
    files.sql_revision("u4", "u1", {statement("CREATE TABLE d (id integer)")});
    const auto project = files.project();
    const auto ordered =
        fleet::orchestrator::lint::upgrade_order(project, {"u3", "u4", "u2", "unknown"});
    REQUIRE(ordered.size() == 3);
    // u2 before u3; u4, on its own branch, anywhere.
    const auto at = [&](const std::string& id) {
        return std::find(ordered.begin(), ordered.end(), id) - ordered.begin();
    };
    CHECK(at("u2") < at("u3"));
    CHECK(at("u4") < 3);
}
