#include "engine/error.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/runtime/migration_context.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "engine/script/script_directory.hpp"
#include "plugins/postgres/postgres_connection.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

// A migration behind a table another session holds ACCESS EXCLUSIVE: its
// statement gives up at statement_lock_timeout (55P03), the transaction is
// rolled back and retried with backoff, and either succeeds once the lock goes
// or fails naming the blocker.

namespace {

using namespace fleet::engine;
using fleet::plugins::ConnectOptions;
using fleet::plugins::postgres::PostgresConnection;
using fleet::tests::PgScratchDatabase;
using namespace std::chrono_literals;

std::string revision_file(const std::string& id, const std::string& down,
                          const std::string& upgrade) {
    return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: step " + id +
           "\n\n-- +upgrade\n" + upgrade + "\n\n-- +downgrade\nSELECT 1;\n";
}

ConnectOptions named(const std::string& application) {
    ConnectOptions options;
    options.application_name = application;
    return options;
}

struct Fixture {
    fleet::test::TempDir dir;
    PgScratchDatabase database;
    PostgresConnection blocker{database.url(), named("blocking-app")};
    std::vector<std::string> progress;
    int committed = 0; // steps whose committed event arrived

    Fixture() {
        blocker.execute("CREATE TABLE busy (id integer)");
        dir.write("m/versions/r1.sql", revision_file("r1", "", "CREATE TABLE t1 (x integer);"));
        dir.write("m/versions/r2.sql",
                  revision_file("r2", "r1", "ALTER TABLE busy ADD COLUMN note varchar(20);"));
        blocker.begin();
        blocker.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
    }

    runtime::RunSettings settings(int retries, bool per_migration = false) {
        runtime::RunSettings settings;
        settings.statement_lock_timeout = 300ms;
        settings.lock_retries = retries;
        settings.lock_retry_delay = 100ms;
        settings.transaction_per_migration = per_migration;
        settings.on_event = [this](const runtime::StepEvent& event) {
            if (event.kind == runtime::StepEvent::Kind::committed) ++committed;
            if (auto line = runtime::log_line(event); !line.empty()) progress.push_back(line);
        };
        return settings;
    }

    void upgrade(const runtime::RunSettings& settings) {
        auto scripts = script::ScriptDirectory::load(dir.path() / "m");
        revision::RevisionMap map(scripts.revisions());
        PostgresConnection connection(database.url(), named("fleet"));
        runtime::LiveSink sink(connection);
        runtime::MigrationContext context(sink, scripts, settings);
        auto heads = context.current_heads();
        context.run(runtime::plan_upgrade(map, "head", heads), heads);
        // The session's lock_timeout is taken off after the run.
        CHECK(connection.query("SHOW lock_timeout").at(0).at(0).value() == "0");
    }

    std::vector<std::string> column(const std::string& sql) {
        PostgresConnection reader(database.url(), {});
        std::vector<std::string> values;
        for (const auto& row : reader.query(sql))
            values.push_back(row.at(0).value_or("NULL"));
        return values;
    }

    int retries_logged() const {
        int count = 0;
        for (const auto& line : progress)
            count += line.find("retrying in") != std::string::npos;
        return count;
    }
};

} // namespace

TEST_CASE("a revision behind a locked table is retried and succeeds once the lock is released") {
    Fixture f;
    // Released when the run announces its first retry: the statement has then
    // surely timed out once, however slow the machine (a release timed by the
    // clock came before the first attempt on a loaded one), and the retry
    // finds the table free.
    runtime::RunSettings settings = f.settings(5);
    auto count = settings.on_event;
    settings.on_event = [&f, count](const runtime::StepEvent& event) {
        count(event);
        if (event.kind == runtime::StepEvent::Kind::retrying && f.blocker.in_transaction())
            f.blocker.rollback();
    };
    f.upgrade(settings);
    CHECK(f.retries_logged() == 1);
    // Each step committed once, however often its transaction was retried.
    CHECK(f.committed == 2);
    CHECK(f.column("SELECT version_num FROM alembic_version") == std::vector<std::string>{"r2"});
    // The whole run's transaction was restarted: every step recorded once.
    CHECK(f.column("SELECT revision || ':' || outcome FROM fleet_history ORDER BY step") ==
          std::vector<std::string>{"r1:done", "r2:done"});
    CHECK(f.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                   "AND column_name = 'note'") == std::vector<std::string>{"1"});
}

TEST_CASE("a lock never released fails after the retries, naming the blocker") {
    Fixture f;
    const auto started = std::chrono::steady_clock::now();
    SUBCASE("one transaction per run: nothing is left behind") {
        try {
            f.upgrade(f.settings(2));
            FAIL("the upgrade went through a held lock");
        } catch (const fleet::MigrationError& error) {
            std::string message = error.what();
            INFO(message);
            CHECK(error.sqlstate() == "55P03");
            CHECK(error.exit_code() == fleet::ExitCode::failed);
            CHECK(message.find("r2") != std::string::npos);
            CHECK(message.find("ALTER TABLE busy") != std::string::npos);
            CHECK(message.find("lock timeout") != std::string::npos);
            CHECK(message.find("blocked by pid " + std::to_string(f.blocker.backend_pid())) !=
                  std::string::npos);
            CHECK(message.find("application 'blocking-app'") != std::string::npos);
            CHECK(message.find("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE") != std::string::npos);
            CHECK(message.find("still locked after 2 retries") != std::string::npos);
        }
        // Three attempts of 300 ms, pauses of 100 and 200 ms.
        CHECK(std::chrono::steady_clock::now() - started >= 1200ms);
        CHECK(f.retries_logged() == 2);
        f.blocker.rollback();
        CHECK(f.column(
                  "SELECT count(*) FROM pg_tables WHERE tablename IN ('t1', 'alembic_version')") ==
              std::vector<std::string>{"0"});
    }
    SUBCASE("a transaction per revision: the revisions before it stay") {
        CHECK_THROWS_AS(f.upgrade(f.settings(1, true)), fleet::MigrationError);
        CHECK(f.retries_logged() == 1);
        f.blocker.rollback();
        CHECK(f.column("SELECT version_num FROM alembic_version") ==
              std::vector<std::string>{"r1"});
    }
    SUBCASE("no retries allowed: the first timeout fails") {
        CHECK_THROWS_AS(f.upgrade(f.settings(0)), fleet::MigrationError);
        CHECK(f.retries_logged() == 0);
        f.blocker.rollback();
    }
}
