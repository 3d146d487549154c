#include "plugins/reporters/plan_json.hpp"
#include "plugins/reporters/plan_report.hpp"
#include "plugins/reporters/plan_sql.hpp"
#include "plugins/reporters/plan_table.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

// The plan report, table, JSON and SQL rendered from hand-made values:
// grouping of identical plans, the order of blocks, how names abbreviate in a
// large fleet, the summary line and the exit code.

namespace {

using namespace fleet::plugins::reporters;
using fleet::engine::command::PlannedStep;

PlannedStep up(const std::string& rev, const std::string& down, const std::string& message) {
    PlannedStep step;
    step.direction = fleet::engine::command::PlanDirection::upgrade;
    step.revision = rev;
    if (!down.empty()) step.down_revisions = {down};
    step.message = message;
    return step;
}

// A target at `current` (empty: base) that would run the steps a1..a3 after it.
PlanRow at(const std::string& env, const std::string& db, const std::string& current,
           bool exists = true) {
    PlanRow row{env, db, {}};
    auto& p = row.plan;
    p.name = env + "/" + db;
    p.display_url = "sqlite:///" + db + ".db";
    p.current_known = true;
    p.database_exists = exists;
    if (!current.empty()) p.current = {current};
    const std::vector<PlannedStep> all = {up("a1", "", "create accounts"),
                                          up("a2", "a1", "add email"), up("a3", "a2", "index")};
    bool after = current.empty();
    for (const auto& step : all) {
        if (after) p.steps.push_back(step);
        if (step.revision == current) after = true;
    }
    p.state = p.steps.empty() ? PlanState::up_to_date : PlanState::would_run;
    if (!p.steps.empty()) p.sql = "BEGIN;\n\n-- steps of " + p.name + "\n\nCOMMIT;\n\n";
    return row;
}

PlanRow down(const std::string& env, const std::string& db, const std::string& reason) {
    PlanRow row{env, db, {}};
    row.plan.name = env + "/" + db;
    row.plan.display_url = "postgresql://app:***@db/" + db;
    row.plan.state = PlanState::unreachable;
    row.plan.detail = reason;
    return row;
}

std::string table(const PlanReport& report, PlanTableOptions options = {}) {
    std::ostringstream out;
    render_plan_table(report, out, options);
    return out.str();
}

} // namespace

TEST_CASE("targets with the same plan share one block; trouble first, nothing-to-do last") {
    auto report = summarize_plan(
        {at("dev", "app", "a3"), at("staging", "core", "a1"), at("production", "eu", "", false),
         down("production", "core", "connection refused\n  is the server up?"),
         at("production", "us", "a1"), at("production", "new", "")},
        "upgrade", "heads");
    CHECK(table(report) ==
          "Plan: upgrade heads\n"
          "\n"
          "unreachable: production/core\n"
          "  connection refused is the server up?\n"
          "\n"
          "2 targets would run 2 steps: staging/core, production/us\n"
          "  from a1\n"
          "  upgrade a1 -> a2 (add email)\n"
          "  upgrade a2 -> a3 (index)\n"
          "\n"
          "2 targets would run 3 steps: production/eu, production/new\n"
          "  from base (1 of 2 not created yet)\n"
          "  upgrade base -> a1 (create accounts)\n"
          "  upgrade a1 -> a2 (add email)\n"
          "  upgrade a2 -> a3 (index)\n"
          "\n"
          "1 target, nothing to do: dev/app\n"
          "  at a3\n"
          "\n"
          "4 of 6 targets would run 10 steps; 1 up to date; 1 could not be planned\n");
    CHECK(plan_exit_code(report) == fleet::ExitCode::failed);
    auto counts = count_plans(report);
    CHECK(counts.would_run == 4);
    CHECK(counts.steps == 10);
}

TEST_CASE("pending work alone exits 0: a plan is not a status check") {
    auto report = summarize_plan({at("dev", "app", "a1")}, "upgrade", "heads");
    CHECK(plan_exit_code(report) == fleet::ExitCode::ok);
    CHECK(plan_summary_line(report) == "1 of 1 target would run 2 steps; 0 up to date");
}

TEST_CASE("a large block names ten targets and how many more; --all names them all") {
    std::vector<PlanRow> rows;
    for (int i = 0; i < 1000; ++i)
        rows.push_back(at("production", "t" + std::to_string(i), "a1"));
    rows.push_back(at("production", "one", "", false));
    auto report = summarize_plan(std::move(rows), "upgrade", "heads");
    auto text = table(report);
    CHECK(text.find("1000 targets would run 2 steps: production/t0, production/t1, production/t2, "
                    "production/t3, production/t4, production/t5, production/t6, production/t7, "
                    "production/t8, production/t9 and 990 more (--all names them all)\n") !=
          std::string::npos);
    CHECK(text.find("1 target would run 3 steps: production/one\n  from base (database not "
                    "created yet)\n") != std::string::npos);
    PlanTableOptions all;
    all.all = true;
    auto full = table(report, all);
    CHECK(full.find("production/t999") != std::string::npos);
    CHECK(full.find("more (--all") == std::string::npos);
}

TEST_CASE("steps read as direction, from, to, message") {
    PlannedStep merge;
    merge.direction = fleet::engine::command::PlanDirection::upgrade;
    merge.revision = "m1";
    merge.down_revisions = {"b1", "c1"};
    merge.message = "merge";
    CHECK(step_text(merge) == "upgrade b1, c1 -> m1 (merge)");
    PlannedStep back;
    back.direction = fleet::engine::command::PlanDirection::downgrade;
    back.revision = "a1";
    back.transactional = false;
    CHECK(step_text(back) == "downgrade a1 -> base [non-transactional]");
}

TEST_CASE("the JSON document lists every target in inventory order with the documented keys") {
    auto report = summarize_plan({at("dev", "app", "a3"), at("staging", "core", "a2"),
                                  down("production", "core", "refused")},
                                 "upgrade", "heads");
    std::ostringstream out;
    render_plan_json(report, out);
    auto doc = nlohmann::json::parse(out.str());
    CHECK(doc["version"] == 1);
    CHECK(doc["exit_code"] == 1);
    CHECK(doc["direction"] == "upgrade");
    CHECK(doc["revision"] == "heads");
    CHECK(doc["summary"] ==
          nlohmann::json{
              {"targets", 3}, {"would_run", 1}, {"up_to_date", 1}, {"failed", 1}, {"steps", 1}});
    REQUIRE(doc["targets"].size() == 3);
    const auto& app = doc["targets"][0];
    CHECK(app["name"] == "dev/app");
    CHECK(app["state"] == "up_to_date");
    CHECK(app["current"] == nlohmann::json{"a3"});
    CHECK(app["steps"] == nlohmann::json::array());
    CHECK(app["error"].is_null());
    CHECK(app["sql"].is_null());
    const auto& core = doc["targets"][1];
    CHECK(core["environment"] == "staging");
    CHECK(core["database"] == "core");
    CHECK(core["database_exists"] == true);
    CHECK(core["steps"] == nlohmann::json::parse(R"([{"direction": "upgrade", "revision": "a3",
        "down_revisions": ["a2"], "message": "index", "transactional": true}])"));
    const auto& failed = doc["targets"][2];
    CHECK(failed["state"] == "unreachable");
    CHECK(failed["current"].is_null());
    CHECK(failed["steps"].is_null());
    CHECK(failed["error"] == "refused");
    CHECK(failed["url"] == "postgresql://app:***@db/core");

    SUBCASE("with --sql each planned target carries its script") {
        std::ostringstream with_sql;
        render_plan_json(report, with_sql, true);
        auto sql_doc = nlohmann::json::parse(with_sql.str());
        CHECK(sql_doc["targets"][1]["sql"] == "BEGIN;\n\n-- steps of staging/core\n\nCOMMIT;\n\n");
        CHECK(sql_doc["targets"][0]["sql"] == "");
        CHECK(sql_doc["targets"][2]["sql"].is_null());
    }
}

TEST_CASE("the SQL form gives every target its script under its name, in inventory order") {
    auto report = summarize_plan({at("dev", "app", "a3"), at("staging", "core", "a2"),
                                  down("production", "core", "refused\nby the server")},
                                 "upgrade", "heads");
    std::ostringstream out;
    render_plan_sql(report, out);
    CHECK(out.str() == "-- fleet target: dev/app\n\n"
                       "-- nothing to do: at a3\n\n"
                       "-- fleet target: staging/core\n\n"
                       "BEGIN;\n\n-- steps of staging/core\n\nCOMMIT;\n\n"
                       "-- fleet target: production/core\n\n"
                       "-- unreachable: refused\n-- by the server\n\n");
}
