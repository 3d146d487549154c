#include "plugins/reporters/locks_json.hpp"
#include "plugins/reporters/locks_report.hpp"
#include "plugins/reporters/locks_table.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

// The locks table and JSON rendered from hand-made values: holders as rows,
// trouble as lines, free targets as one summary line, and the exit code.

namespace {

using namespace fleet::plugins::reporters;
using fleet::engine::runtime::LockHolder;

LocksRow row(const std::string& env, const std::string& db, LockState state,
             std::vector<LockHolder> holders = {}, std::string detail = {}) {
    LocksRow r{env, db, {}};
    r.locks.name = env + "/" + db;
    r.locks.display_url = "postgresql://app:***@db/" + db;
    r.locks.state = state;
    r.locks.holders = std::move(holders);
    r.locks.detail = std::move(detail);
    return r;
}

LockHolder holder(long long pid, std::string activity) {
    LockHolder h;
    h.pid = pid;
    h.application = "fleet";
    h.client = "10.0.0.7";
    h.since = "2026-11-21T10:00:00Z";
    h.activity = std::move(activity);
    return h;
}

std::string table(const std::vector<LocksRow>& rows) {
    std::ostringstream out;
    render_locks_table(rows, out);
    return out.str();
}

} // namespace

TEST_CASE("held locks are rows, trouble follows, free targets are one line") {
    std::vector<LocksRow> rows = {
        row("dev", "app", LockState::free),
        row("production", "core", LockState::held,
            {holder(4242, "state active, running: SELECT\n  pg_sleep(30)")}),
        row("production", "down", LockState::unreachable, {}, "connection refused\n(port 1)"),
        row("production", "eu", LockState::free)};
    CHECK(table(rows) ==
          "TARGET           PID   APPLICATION  CLIENT    SINCE                 ACTIVITY\n"
          "production/core  4242  fleet        10.0.0.7  2026-11-21T10:00:00Z  state active, "
          "running: SELECT pg_sleep(30)\n"
          "\n"
          "unreachable: production/down: connection refused (port 1)\n"
          "\n"
          "2 of 4 targets: no migration lock held; 1 held; 1 could not be asked\n");
    CHECK(locks_exit_code(rows) == fleet::ExitCode::failed);
}

TEST_CASE("a fleet with every lock free is one line and exit 0") {
    std::vector<LocksRow> rows;
    for (int i = 0; i < 40; ++i)
        rows.push_back(row("production", "t" + std::to_string(i), LockState::free));
    CHECK(table(rows) == "40 of 40 targets: no migration lock held\n");
    CHECK(locks_exit_code(rows) == fleet::ExitCode::ok);
}

TEST_CASE("a held lock alone exits 0: holding it is not an error") {
    std::vector<LocksRow> rows = {row("dev", "app", LockState::held, {holder(7, "")})};
    CHECK(locks_exit_code(rows) == fleet::ExitCode::ok);
    CHECK(table(rows) == "TARGET   PID  APPLICATION  CLIENT    SINCE                 ACTIVITY\n"
                         "dev/app  7    fleet        10.0.0.7  2026-11-21T10:00:00Z  -\n"
                         "\n"
                         "0 of 1 target: no migration lock held; 1 held\n");
}

TEST_CASE("the JSON document lists every target with its holders") {
    std::vector<LocksRow> rows = {
        row("dev", "app", LockState::free),
        row("production", "core", LockState::held, {holder(4242, "state idle")}),
        row("production", "down", LockState::unreachable, {}, "refused")};
    std::ostringstream out;
    render_locks_json(rows, out);
    auto doc = nlohmann::json::parse(out.str());
    CHECK(doc["version"] == 1);
    CHECK(doc["exit_code"] == 1);
    CHECK(doc["summary"] ==
          nlohmann::json{{"targets", 3}, {"held", 1}, {"free", 1}, {"failed", 1}});
    REQUIRE(doc["targets"].size() == 3);
    CHECK(doc["targets"][0]["state"] == "free");
    CHECK(doc["targets"][0]["holders"] == nlohmann::json::array());
    CHECK(doc["targets"][0]["error"].is_null());
    CHECK(doc["targets"][1]["name"] == "production/core");
    CHECK(doc["targets"][1]["holders"] == nlohmann::json::parse(R"([{"pid": 4242,
        "application": "fleet", "client": "10.0.0.7", "since": "2026-11-21T10:00:00Z",
        "activity": "state idle"}])"));
    CHECK(doc["targets"][2]["error"] == "refused");
    CHECK(doc["targets"][2]["url"] == "postgresql://app:***@db/down");
}
