#include "plugins/reporters/diff_json.hpp"
#include "plugins/reporters/diff_report.hpp"
#include "plugins/reporters/diff_table.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace fleet::plugins::reporters;
using fleet::ExitCode;
using fleet::engine::schema::Schema;

namespace {

Schema accounts(bool with_nickname = false) {
    Schema schema;
    schema.tables = {{"accounts", {{"id", "integer", false, {}}}, {"id"}, {}, {}, {}}};
    if (with_nickname) schema.tables[0].columns.push_back({"nickname", "varchar(50)", true, {}});
    return schema;
}

TargetSchema read(const std::string& name, Schema schema) {
    TargetSchema target;
    target.name = name;
    target.display_url = "sqlite:///" + name;
    target.schema = std::move(schema);
    return target;
}

TargetSchema unreadable(const std::string& name) {
    TargetSchema target;
    target.name = name;
    target.display_url = "postgresql://app:***@db/x";
    target.error = "cannot connect to postgresql://app:***@db/x: refused";
    return target;
}

std::string table_of(const DiffReport& report) {
    std::ostringstream out;
    render_diff_table(report, out);
    return out.str();
}

} // namespace

TEST_CASE("two equal targets: no differences, exit 0") {
    auto report = make_diff_report({"dev/app", false, {read("dev/app", accounts())}},
                                   {"prod/app", false, {read("prod/app", accounts())}});
    CHECK(report.compared);
    CHECK(report.differences.empty());
    CHECK(diff_exit_code(report) == ExitCode::ok);
    CHECK(table_of(report) ==
          "--- dev/app\n+++ prod/app\nno schema differences between dev/app and prod/app\n");
}

TEST_CASE("two targets that differ: one line each, naming the side, exit 3") {
    auto report = make_diff_report({"dev/app", false, {read("dev/app", accounts())}},
                                   {"prod/app", false, {read("prod/app", accounts(true))}});
    CHECK(diff_exit_code(report) == ExitCode::out_of_sync);
    CHECK(table_of(report) ==
          "--- dev/app\n+++ prod/app\n"
          "+ column accounts.nickname varchar(50): only in prod/app\n"
          "1 difference (-: only in dev/app, +: only in prod/app, ~: differs)\n");
}

TEST_CASE("a target that cannot be read makes exit 1 and says why") {
    auto report = make_diff_report({"dev/app", false, {read("dev/app", accounts())}},
                                   {"prod/db", false, {unreadable("prod/db")}});
    CHECK_FALSE(report.compared);
    CHECK(diff_exit_code(report) == ExitCode::failed);
    auto text = table_of(report);
    CHECK(text.find("cannot read prod/db: cannot connect to postgresql://app:***@db/x: refused") !=
          std::string::npos);
    CHECK(text.find("not compared") != std::string::npos);
}

TEST_CASE("environments: schemas are grouped, the most common compared, drift named") {
    auto report = make_diff_report(
        {"staging", true, {read("staging/a", accounts()), read("staging/b", accounts())}},
        {"production",
         true,
         {read("production/a", accounts()), read("production/b", accounts(true)),
          read("production/c", accounts())}});
    REQUIRE(report.left.schemas.size() == 1);
    REQUIRE(report.right.schemas.size() == 2);
    CHECK(report.right.schemas[0] == std::vector<std::size_t>{0, 2});
    CHECK(report.differences.empty());
    REQUIRE(report.drift.size() == 1);
    CHECK(report.drift[0].target == "production/b");
    CHECK(report.drift[0].reference == "production/a");
    CHECK(diff_exit_code(report) == ExitCode::out_of_sync);
    CHECK(table_of(report) == "staging: 2 targets, 1 distinct schema\n"
                              "  schema 1 (most common): 2 targets (staging/a, staging/b)\n"
                              "production: 3 targets, 2 distinct schemas (drift)\n"
                              "  schema 1 (most common): 2 targets (production/a, production/c)\n"
                              "  schema 2: 1 target (production/b)\n"
                              "\n"
                              "--- staging (most common schema, as on staging/a)\n"
                              "+++ production (most common schema, as on production/a)\n"
                              "no schema differences between staging and production\n"
                              "\n"
                              "drift inside an environment:\n"
                              "production/b differs from production/a (1 difference):\n"
                              "  + column accounts.nickname varchar(50): only in production/b\n");
}

TEST_CASE("the JSON document has stable keys") {
    auto report = make_diff_report({"dev/app", false, {read("dev/app", accounts())}},
                                   {"prod/app", false, {read("prod/app", accounts(true))}});
    std::ostringstream out;
    render_diff_json(report, out);
    auto doc = nlohmann::json::parse(out.str());
    CHECK(doc["version"] == 1);
    CHECK(doc["exit_code"] == 3);
    CHECK(doc["left"]["name"] == "dev/app");
    CHECK(doc["left"]["kind"] == "target");
    CHECK(doc["left"]["schemas"][0]["count"] == 1);
    CHECK(doc["compared"] == true);
    REQUIRE(doc["differences"].size() == 1);
    auto d = doc["differences"][0];
    CHECK(d["change"] == "only_right");
    CHECK(d["sign"] == "+");
    CHECK(d["object"] == "column");
    CHECK(d["table"] == "accounts");
    CHECK(d["name"] == "nickname");
    CHECK(d["left"].is_null());
    CHECK(d["right"] == "varchar(50)");
    CHECK(doc["drift"].empty());
}
