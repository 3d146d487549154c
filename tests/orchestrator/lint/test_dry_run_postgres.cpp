// The traced dry run on the real PostgreSQL server ($FLEET_TEST_PG_URL): what
// each statement locks and rewrites, however the SQL hides it, and that the
// dry run leaves nothing behind. One scratch database serves every revision
// of the chain below: the dry run runs once, and the cases read its traces.
#include "orchestrator/lint/dry_run.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/orchestrator/lint/lint_test_project.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

using fleet::engine::lint::LockTaken;
using fleet::engine::lint::RevisionTrace;
using fleet::engine::lint::StatementTrace;
using fleet::engine::url::DatabaseUrl;
using fleet::orchestrator::lint::dry_run;
using fleet::orchestrator::lint::DryRunOptions;
using fleet::orchestrator::lint::PendingRevision;
using fleet::test::statement;

namespace {

// A role of this test binary's own, whose databases are exactly the
// scratch databases the dry run makes: other test programs on the same
// server create and drop databases of their own meanwhile.
class DevRole {
  public:
    DevRole() : m_name(fmt::format("fleet_lint_dev_{}", static_cast<long>(getpid()))) {
        auto admin = fleet::plugins::connect(fleet::tests::PgScratchDatabase::admin_url());
        admin->execute(fmt::format("DROP ROLE IF EXISTS {}", m_name));
        admin->execute(
            fmt::format("CREATE ROLE {} LOGIN CREATEDB PASSWORD '{}'", m_name, password()));
    }
    ~DevRole() {
        try {
            auto admin = fleet::plugins::connect(fleet::tests::PgScratchDatabase::admin_url());
            admin->execute(fmt::format("DROP ROLE IF EXISTS {}", m_name));
        } catch (...) {
            // A database it still owns keeps it: the leftover case reports that.
        }
    }
    DevRole(const DevRole&) = delete;
    DevRole& operator=(const DevRole&) = delete;

    std::string password() const { return "dev-secret-" + m_name; }
    std::string url() const {
        DatabaseUrl url = fleet::tests::PgScratchDatabase::admin_url();
        url.username = m_name;
        url.password = password();
        return url.full();
    }
    // The databases the role owns now.
    std::vector<std::string> databases() const {
        auto admin = fleet::plugins::connect(fleet::tests::PgScratchDatabase::admin_url());
        std::vector<std::string> names;
        for (const auto& row :
             admin->query(fmt::format("SELECT datname FROM pg_database WHERE datdba = "
                                      "(SELECT oid FROM pg_roles WHERE rolname = '{}') ORDER BY 1",
                                      m_name)))
            names.push_back(row.at(0).value_or(""));
        return names;
    }

  private:
    std::string m_name;
};

// A user's database on the dev server, with a table the revisions touch.
class TargetNextToIt {
  public:
    TargetNextToIt() : m_connection(fleet::plugins::connect(m_database.url())) {
        m_connection->execute("CREATE TABLE accounts (id int PRIMARY KEY, a int, b int, c int, "
                              "name varchar(50))");
        m_connection->execute(
            "INSERT INTO accounts SELECT g, g, g, g, 'x' FROM generate_series(1, 50) g");
    }
    fleet::engine::runtime::Rows catalog() const {
        return m_connection->query(
            "SELECT c.relname, c.relkind, c.relfilenode::text, a.attname, "
            "format_type(a.atttypid, a.atttypmod) FROM pg_class c LEFT JOIN pg_attribute a ON "
            "a.attrelid = c.oid AND a.attnum > 0 WHERE c.relnamespace = 'public'::regnamespace "
            "ORDER BY 1, 4");
    }
    fleet::engine::runtime::Rows rows() const {
        return m_connection->query("SELECT * FROM accounts ORDER BY id");
    }

  private:
    fleet::tests::PgScratchDatabase m_database;
    std::unique_ptr<fleet::engine::runtime::Connection> m_connection;
};

struct TracedChain {
    DevRole role;
    TargetNextToIt target;
    fleet::engine::runtime::Rows target_catalog_before = target.catalog();
    fleet::engine::runtime::Rows target_rows_before = target.rows();
    fleet::test::LintTestProject files;
    std::vector<PendingRevision> pending;
    std::vector<std::string> databases_before;
    std::vector<RevisionTrace> traces;
    double seconds = 0;

    TracedChain() {
        files.sql_revision(
            "r01", "",
            {statement("CREATE TABLE accounts (id int PRIMARY KEY, a int, b int, c int, "
                       "name varchar(50))"),
             statement("INSERT INTO accounts SELECT g, g, g, g, 'n' FROM generate_series(1, 100) "
                       "g")});
        pending.push_back(files.sql_revision(
            "r02", "r01", {statement("ALTER TABLE accounts ALTER COLUMN a TYPE bigint")}));
        pending.push_back(files.sql_revision(
            "r03", "r02", {statement("ALTER TABLE accounts ALTER COLUMN name TYPE varchar(100)")}));
        pending.push_back(files.sql_revision(
            "r04", "r03",
            {statement("DO $$ BEGIN EXECUTE 'ALTER TABLE accounts ALTER COLUMN b TYPE bigint'; "
                       "END $$")}));
        pending.push_back(files.sql_revision(
            "r05", "r04",
            {statement("CREATE FUNCTION widen_c() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  "
                       "EXECUTE 'ALTER TABLE accounts ALTER COLUMN c TYPE bigint';\nEND\n$$"),
             statement("SELECT widen_c()")}));
        pending.push_back(
            files.sql_revision("r06", "r05",
                               {statement("CREATE TABLE notes (id int, account_id int)"),
                                statement("CREATE INDEX notes_account ON notes (account_id)"),
                                statement("CREATE INDEX accounts_name ON accounts (name)")}));
        pending.push_back(files.sql_revision(
            "r07", "r06",
            {statement("CREATE INDEX CONCURRENTLY accounts_c ON accounts (c)", true),
             statement("ALTER TABLE notes ADD COLUMN body text")}));
        pending.push_back(
            files.sql_revision("r08", "r07",
                               {statement("ALTER TABLE accounts ADD COLUMN d int"),
                                statement("ALTER TABLE accounts ALTER COLUMN nope TYPE text")}));
        pending.push_back(
            files.sql_revision("r09", "r08", {statement("ALTER TABLE accounts ADD COLUMN e int")}));

        databases_before = role.databases();
        DryRunOptions options;
        options.dialect = "postgresql";
        options.dev_url = role.url();
        const auto project = files.project();
        const auto started = std::chrono::steady_clock::now();
        traces = dry_run(project, pending, options);
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        MESSAGE(fmt::format("dry run of {} revisions: {:.2f} s", pending.size(), seconds));
    }
};

const TracedChain& chain() {
    static TracedChain traced;
    return traced;
}

const RevisionTrace& trace_of(const std::string& id) {
    for (const auto& trace : chain().traces)
        if (trace.revision == id) return trace;
    FAIL("no trace of " << id);
    throw;
}

bool holds(const StatementTrace& statement, const std::string& relation, const std::string& mode,
           bool existed_before) {
    return std::any_of(statement.locks.begin(), statement.locks.end(), [&](const LockTaken& lock) {
        return lock.relation == relation && lock.mode == mode &&
               lock.existed_before == existed_before;
    });
}

} // namespace

TEST_CASE("the dry run gives one trace per revision, in order") {
    const auto& traces = chain().traces;
    REQUIRE(traces.size() == chain().pending.size());
    for (std::size_t i = 0; i < traces.size(); ++i)
        CHECK(traces[i].revision == chain().pending[i].id);
}

TEST_CASE("int to bigint is traced as a rewrite of the table under ACCESS EXCLUSIVE") {
    const auto& trace = trace_of("r02");
    CHECK(trace.traced);
    CHECK(trace.why_not == "");
    CHECK(trace.failed == "");
    REQUIRE(trace.statements.size() == 1);
    const auto& statement = trace.statements[0];
    CHECK(statement.traced);
    CHECK(statement.line == 7);
    CHECK(statement.sql == "ALTER TABLE accounts ALTER COLUMN a TYPE bigint");
    CHECK(statement.rewritten == std::vector<std::string>{"accounts"});
    CHECK(holds(statement, "accounts", "AccessExclusiveLock", true));
}

TEST_CASE("varchar(50) to varchar(100) locks the table but keeps its storage") {
    const auto& trace = trace_of("r03");
    CHECK(trace.traced);
    REQUIRE(trace.statements.size() == 1);
    CHECK(trace.statements[0].rewritten.empty());
    CHECK(holds(trace.statements[0], "accounts", "AccessExclusiveLock", true));
}

TEST_CASE("a rewrite hidden in a DO block is still traced") {
    const auto& trace = trace_of("r04");
    REQUIRE(trace.statements.size() == 1);
    CHECK(trace.statements[0].rewritten == std::vector<std::string>{"accounts"});
    CHECK(holds(trace.statements[0], "accounts", "AccessExclusiveLock", true));
}

TEST_CASE("a rewrite hidden in a plpgsql function the revision calls is traced at the call") {
    const auto& trace = trace_of("r05");
    REQUIRE(trace.statements.size() == 2);
    CHECK(trace.statements[0].line == 7);
    CHECK(trace.statements[0].rewritten.empty());
    CHECK(trace.statements[0].locks.empty());
    CHECK(trace.statements[1].line == 12);
    CHECK(trace.statements[1].rewritten == std::vector<std::string>{"accounts"});
    CHECK(holds(trace.statements[1], "accounts", "AccessExclusiveLock", true));
}

TEST_CASE("locks on relations the revision creates are told from those on existing ones") {
    const auto& trace = trace_of("r06");
    REQUIRE(trace.statements.size() == 3);
    CHECK(holds(trace.statements[0], "notes", "AccessExclusiveLock", false));
    // Each statement lists only the locks it added.
    CHECK_FALSE(holds(trace.statements[1], "notes", "AccessExclusiveLock", false));
    CHECK(holds(trace.statements[1], "notes", "ShareLock", false));
    CHECK(holds(trace.statements[2], "accounts", "ShareLock", true));
    for (const auto& statement : trace.statements)
        CHECK(statement.rewritten.empty());
}

TEST_CASE("a statement that must run outside a transaction is listed as not traced") {
    const auto& trace = trace_of("r07");
    CHECK(trace.traced);
    CHECK(trace.failed == "");
    REQUIRE(trace.statements.size() == 2);
    CHECK_FALSE(trace.statements[0].traced);
    CHECK(trace.statements[0].locks.empty());
    CHECK(trace.statements[1].traced);
    CHECK(holds(trace.statements[1], "notes", "AccessExclusiveLock", true));
}

TEST_CASE("a failing statement gives its line and the server's message, and stops what needs it") {
    // r07 was applied for real after its dry run: r08 ran on top of it.
    const auto& trace = trace_of("r08");
    CHECK(trace.traced);
    CHECK(trace.failed_line == 8);
    CHECK(trace.failed.find("column \"nope\" of relation \"accounts\" does not exist") !=
          std::string::npos);
    REQUIRE(trace.statements.size() == 1);
    CHECK(trace.statements[0].line == 7);

    const auto& after = trace_of("r09");
    CHECK_FALSE(after.traced);
    CHECK(after.why_not.find("r08") != std::string::npos);
    CHECK(after.why_not.find("nope") != std::string::npos);
}

TEST_CASE("the dry run leaves no database behind on the dev server") {
    // Built before the dry run, gone after it, on every path.
    CHECK(chain().databases_before.empty());
    CHECK(chain().role.databases().empty());
    CHECK(chain().traces.front().traced);
}

TEST_CASE("the dry run touches no target database next to it") {
    // The target holds tables of the same names on the same server.
    CHECK(chain().target.catalog() == chain().target_catalog_before);
    CHECK(chain().target.rows() == chain().target_rows_before);
}

TEST_CASE("without dev_url a PostgreSQL dry run traces nothing and says to set it") {
    DryRunOptions options;
    options.dialect = "postgresql";
    const auto project = chain().files.project();
    const auto traces = dry_run(project, chain().pending, options);
    REQUIRE(traces.size() == chain().pending.size());
    for (const auto& trace : traces) {
        CHECK_FALSE(trace.traced);
        CHECK(trace.why_not.find("dev_url") != std::string::npos);
    }
}

TEST_CASE("a dev server that refuses is each revision's why_not, without the password") {
    DatabaseUrl url = DatabaseUrl::parse(chain().role.url());
    url.password = "not-the-password-4711";
    DryRunOptions options;
    options.dialect = "postgresql";
    options.dev_url = url.full();
    const auto project = chain().files.project();
    const auto traces = dry_run(project, chain().pending, options);
    REQUIRE(traces.size() == chain().pending.size());
    for (const auto& trace : traces) {
        CHECK_FALSE(trace.traced);
        CHECK(trace.why_not != "");
        CHECK(trace.why_not.find("not-the-password-4711") == std::string::npos);
    }
    MESSAGE(traces.front().why_not);
}

namespace {

// Revisions that stop a trace early, on branches of one base, in one run.
struct OddChain {
    fleet::test::LintTestProject files;
    std::vector<PendingRevision> pending;
    std::vector<RevisionTrace> traces;
    std::chrono::steady_clock::duration took{};

    OddChain() {
        files.sql_revision("b01", "", {statement("CREATE TABLE t (id int, a int)")});
        pending.push_back(files.sql_revision(
            "b02", "b01",
            {statement("ALTER TABLE t ADD COLUMN b int"), statement("SELECT pg_sleep(30)")}));
        pending.push_back(
            files.sql_revision("b03", "b02", {statement("ALTER TABLE t ADD COLUMN c int")}));
        pending.push_back(
            files.sql_revision("b04", "b01",
                               {statement("CREATE TABLE u (id int)"), statement("COMMIT"),
                                statement("CREATE TABLE v (id int)")}));
        pending.push_back(
            files.sql_revision("b05", "b01",
                               {statement("CREATE INDEX CONCURRENTLY t_a ON t (a)", true),
                                statement("ALTER INDEX t_a RENAME TO t_a_renamed")}));
        pending.push_back(files.sql_revision("b06", "b05", {statement("DROP INDEX t_a_renamed")}));
        // As SQL revisions give them: no statement marked, the file says.
        pending.push_back(files.sql_revision(
            "b07", "b01", {statement("VACUUM t"), statement("ALTER TABLE t ADD COLUMN z int")},
            false));
        pending.push_back(files.sql_revision(
            "b08", "b01", {statement("CREATE INDEX CONCURRENTLY t_a_too ON t (a)")}));
        DryRunOptions options;
        options.dialect = "postgresql";
        options.dev_url = chain().role.url();
        options.bounds.statement_timeout = std::chrono::milliseconds(300);
        const auto started = std::chrono::steady_clock::now();
        traces = dry_run(files.project(), pending, options);
        took = std::chrono::steady_clock::now() - started;
    }
};

const OddChain& odd() {
    static OddChain traced;
    return traced;
}

} // namespace

TEST_CASE("a statement longer than the dry run waits stops its trace, and the run goes on") {
    const auto& traces = odd().traces;
    REQUIRE(traces.size() == 7);
    CHECK(odd().took < std::chrono::seconds(10));
    CHECK(traces[0].traced);
    CHECK(traces[0].failed == "");
    CHECK(traces[0].why_not.find("line 8 did not finish within the dry run's bounds") == 0);
    REQUIRE(traces[0].statements.size() == 2);
    CHECK(traces[0].statements[0].traced);
    CHECK_FALSE(traces[0].statements[1].traced);
    CHECK_FALSE(traces[1].traced);
    CHECK(traces[1].why_not.find("b02") != std::string::npos);
}

TEST_CASE("a COMMIT in a revision ends its trace there") {
    const auto& trace = odd().traces[2];
    CHECK(trace.traced);
    CHECK(trace.why_not.find("line 8 ends the dry run's transaction") == 0);
    REQUIRE(trace.statements.size() == 2);
    CHECK(holds(trace.statements[0], "u", "AccessExclusiveLock", false));
}

TEST_CASE("a statement failing after one the dry run could not run is not the revision failing") {
    const auto& trace = odd().traces[3];
    CHECK(trace.traced);
    CHECK(trace.failed == "");
    CHECK(trace.why_not.find("line 9 failed after line 8, which the dry run cannot run") == 0);
    REQUIRE(trace.statements.size() == 2);
    CHECK_FALSE(trace.statements[0].traced);
    CHECK_FALSE(trace.statements[1].traced);
    // Applied for real all the same: the revision after it found its index.
    const auto& after = odd().traces[4];
    CHECK(after.traced);
    CHECK(after.failed == "");
    CHECK(after.why_not == "");
    REQUIRE(after.statements.size() == 1);
    CHECK(holds(after.statements[0], "t_a_renamed", "AccessExclusiveLock", true));
}

TEST_CASE("in a transactional: false revision, a statement refusing a transaction is not traced") {
    const auto& trace = odd().traces[5];
    CHECK(trace.traced);
    CHECK(trace.failed == "");
    CHECK(trace.why_not == "");
    REQUIRE(trace.statements.size() == 2);
    CHECK(trace.statements[0].line == 8);
    CHECK_FALSE(trace.statements[0].traced);
    CHECK(trace.statements[1].traced);
    CHECK(holds(trace.statements[1], "t", "AccessExclusiveLock", true));
}

TEST_CASE("CONCURRENTLY in a revision that runs in a transaction fails, as it would for real") {
    const auto& trace = odd().traces[6];
    CHECK(trace.traced);
    CHECK(trace.failed_line == 7);
    CHECK(trace.failed == "CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
}

TEST_CASE("the dry runs left no database behind") {
    odd();
    CHECK(chain().role.databases().empty());
}
