#include "engine/runtime/migration_context.hpp"

#include "engine/error.hpp"
#include "engine/runtime/lock_retry.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "engine/url/database_url.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fmt/format.h>

// The step events a run reports against a real SQLite file: which steps
// started, which committed (stayed) and which rolled back, so a caller counts
// what stayed rather than what was tried.

namespace {

using namespace fleet::engine;
using Kind = runtime::StepEvent::Kind;

// Five revisions r1..r5 creating tables t1..t5; revision `bad` (1-based)
// fails instead, with `bad_header` added to its header.
void write_five_events(const fleet::test::TempDir& dir, int bad,
                       const std::string& bad_header = {}) {
    std::string down;
    for (int i = 1; i <= 5; ++i) {
        const auto id = fmt::format("r{}", i);
        const auto sql = i == bad ? fmt::format("CREATE TABLE t{} (x NOT_A_TYPE(", i)
                                  : fmt::format("CREATE TABLE t{} (x INTEGER);", i);
        dir.write("m/versions/" + id + ".sql",
                  fmt::format("-- revision: {}\n-- down_revision: {}\n-- message: step {}\n{}\n-- "
                              "+upgrade\n{}\n\n"
                              "-- +downgrade\nSELECT 1;\n",
                              id, down, id, i == bad ? bad_header : "", sql));
        down = id;
    }
}

// Each event as "kind:revision:number", in order.
struct Recorder {
    std::vector<std::string> events;
    std::vector<std::string> lines;
    int committed = 0;

    void run(const fleet::test::TempDir& dir, bool per_migration) {
        auto scripts = script::ScriptDirectory::load(dir.path() / "m");
        revision::RevisionMap map(scripts.revisions());
        auto connection = fleet::plugins::connect(
            fleet::engine::url::DatabaseUrl::parse("sqlite:///" + dir.file("app.db")));
        runtime::LiveSink sink(*connection);
        runtime::RunSettings settings;
        settings.transaction_per_migration = per_migration;
        settings.on_event = [this](const runtime::StepEvent& event) {
            events.push_back(fmt::format("{}:{}:{}", runtime::to_string(event.kind), event.revision,
                                         event.number));
            if (event.kind == Kind::committed) ++committed;
            if (auto line = runtime::log_line(event); !line.empty()) lines.push_back(line);
        };
        runtime::MigrationContext context(sink, scripts, settings);
        auto heads = context.current_heads();
        context.run(runtime::plan_upgrade(map, "head", heads), heads);
    }
};

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("one transaction per run: the steps commit together when the run's transaction does") {
    fleet::test::TempDir dir;
    write_five_events(dir, 0);
    Recorder recorder;
    recorder.run(dir, false);
    CHECK(recorder.events == Strings{"started:r1:1", "started:r2:2", "started:r3:3", "started:r4:4",
                                     "started:r5:5", "committed:r1:1", "committed:r2:2",
                                     "committed:r3:3", "committed:r4:4", "committed:r5:5"});
    CHECK(recorder.committed == 5);
    // Alembic's log lines, made from the events.
    CHECK(recorder.lines.front() == "Running upgrade  -> r1, step r1");
    CHECK(recorder.lines.back() == "Running upgrade r4 -> r5, step r5");
}

TEST_CASE(
    "one transaction per run: a failing third revision commits nothing and rolls back three") {
    fleet::test::TempDir dir;
    write_five_events(dir, 3);
    Recorder recorder;
    CHECK_THROWS_AS(recorder.run(dir, false), fleet::MigrationError);
    CHECK(recorder.events == Strings{"started:r1:1", "started:r2:2", "started:r3:3",
                                     "rolled_back:r1:1", "rolled_back:r2:2", "rolled_back:r3:3"});
    CHECK(recorder.committed == 0);
}

TEST_CASE(
    "a transaction per revision: each revision commits on its own, the failing one rolls back") {
    fleet::test::TempDir dir;
    write_five_events(dir, 3);
    Recorder recorder;
    CHECK_THROWS_AS(recorder.run(dir, true), fleet::MigrationError);
    CHECK(recorder.events == Strings{"started:r1:1", "committed:r1:1", "started:r2:2",
                                     "committed:r2:2", "started:r3:3", "rolled_back:r3:3"});
    CHECK(recorder.committed == 2);
}

TEST_CASE("a transactional: false revision commits when it finishes, or is reported failed") {
    fleet::test::TempDir dir;
    SUBCASE("finishing") {
        write_five_events(dir, 0);
        dir.write("m/versions/r2.sql",
                  "-- revision: r2\n-- down_revision: r1\n-- transactional: false\n\n"
                  "-- +upgrade\nCREATE TABLE t2 (x INTEGER);\n");
        Recorder recorder;
        recorder.run(dir, false);
        CHECK(recorder.events == Strings{"started:r1:1", "committed:r1:1", "started:r2:2",
                                         "committed:r2:2", "started:r3:3", "started:r4:4",
                                         "started:r5:5", "committed:r3:3", "committed:r4:4",
                                         "committed:r5:5"});
    }
    SUBCASE("failing part-way") {
        write_five_events(dir, 2, "-- transactional: false\n");
        Recorder recorder;
        CHECK_THROWS_AS(recorder.run(dir, false), fleet::MigrationError);
        CHECK(recorder.events ==
              Strings{"started:r1:1", "committed:r1:1", "started:r2:2", "failed:r2:2"});
        CHECK(recorder.committed == 1);
    }
}

TEST_CASE("the retry notice is Alembic-style text made from a retrying event") {
    runtime::StepEvent event;
    event.kind = Kind::retrying;
    event.reason = "lock timeout";
    event.attempt = 1;
    event.retries = 3;
    event.delay = std::chrono::milliseconds(200);
    CHECK(runtime::log_line(event) ==
          "Lock timeout (lock timeout); rolled back, retrying in 200ms (retry 1 of 3)");
    event.kind = Kind::committed;
    CHECK(runtime::log_line(event).empty());
}

TEST_CASE(
    "the lock-retry backoff doubles, counts its retries and ends early when a stop is requested") {
    using namespace std::chrono_literals;
    SUBCASE("doubling") {
        runtime::LockRetry retry(2, 1ms, {});
        CHECK(!retry.exhausted());
        CHECK(retry.exhausted_note().empty());
        CHECK(retry.wait());
        CHECK(retry.attempt() == 1);
        CHECK(retry.delay() == 2ms);
        CHECK(retry.wait());
        CHECK(retry.exhausted());
        CHECK(retry.exhausted_note() == " (still locked after 2 retries)");
    }
    SUBCASE("a stop requested: the hour-long pause returns at once") {
        bool stop = false;
        int asked = 0;
        runtime::LockRetry retry(3, std::chrono::hours(1), [&] {
            ++asked;
            return stop;
        });
        stop = true;
        CHECK(!retry.wait());
        CHECK(asked == 1);
        CHECK(retry.attempt() == 0);
    }
}
