#include "plugins/reporters/audit_json.hpp"
#include "plugins/reporters/audit_report.hpp"
#include "plugins/reporters/audit_table.hpp"
#include "tests/plugins/reporters/status_rows.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace fleet::plugins::reporters;
using fleet::ExitCode;
using fleet::engine::command::HistoryState;
using fleet::engine::command::StatusState;
using fleet::engine::schema::Schema;

namespace {

Schema audit_accounts(bool with_nickname = false) {
    Schema schema;
    schema.tables = {{"accounts", {{"id", "integer", false, {}}}, {"id"}, {}, {}, {}}};
    if (with_nickname) schema.tables[0].columns.push_back({"nickname", "varchar(50)", true, {}});
    return schema;
}

AuditRow row(const std::string& environment, const std::string& database, int applied = 3,
             Schema schema = audit_accounts()) {
    auto status = fleet::test::status_row(
        environment, database, applied == 3 ? StatusState::up_to_date : StatusState::behind,
        applied);
    AuditRow audit_row{environment, database, {}, std::nullopt, ""};
    audit_row.audit.status = status.status;
    audit_row.audit.history = HistoryState::present;
    audit_row.audit.schema = std::move(schema);
    return audit_row;
}

std::string render_audit(const AuditReport& report) {
    std::ostringstream out;
    render_audit_table(report, out);
    return out.str();
}

} // namespace

TEST_CASE("a clean fleet audits to exit 0") {
    auto report = make_audit_report({row("prod", "a"), row("prod", "b")}, {"prod"});
    CHECK(report.drift.empty());
    CHECK(audit_exit_code(report) == ExitCode::ok);
    auto text = render_audit(report);
    CHECK(text.find("Edited scripts: none\n") != std::string::npos);
    CHECK(text.find("Schema drift: none\n") != std::string::npos);
    CHECK(text.find(
              "audit: 2 targets, 0 not up to date, 0 unreadable, 0 edited scripts, 0 drifted\n") !=
          std::string::npos);
}

TEST_CASE("an edited script is named with its file and when it ran, exit 3") {
    auto edited = row("prod", "a");
    edited.audit.edited.push_back(
        {"a2", "/x/migrations/versions/a2_add.sql", "2026-01-02T03:04:05.000Z", "old", "new"});
    auto report = make_audit_report({edited, row("prod", "b")}, {"prod"});
    CHECK(audit_exit_code(report) == ExitCode::out_of_sync);
    CHECK(render_audit(report).find(
              "  prod/a: edited after it ran: a2 (a2_add.sql, ran 2026-01-02T03:04:05.000Z)\n") !=
          std::string::npos);
}

TEST_CASE("drift is found among targets at the same revisions only") {
    SUBCASE("same revisions, one differs") {
        auto report = make_audit_report(
            {row("prod", "a"), row("prod", "b", 3, audit_accounts(true)), row("prod", "c")},
            {"prod"});
        REQUIRE(report.drift.size() == 1);
        CHECK(report.drift[0].target == "prod/b");
        CHECK(report.drift[0].reference == "prod/a");
        CHECK(report.drift[0].revisions == std::vector<std::string>{"a3"});
        CHECK(audit_exit_code(report) == ExitCode::out_of_sync);
        CHECK(render_audit(report).find(
                  "  prod/b differs from prod/a (at a3, 3 targets compared): + column "
                  "accounts.nickname varchar(50): only in prod/b\n") != std::string::npos);
    }
    SUBCASE("different revisions are not drift (status tells they are behind)") {
        auto report = make_audit_report(
            {row("prod", "a"), row("prod", "b", 2, audit_accounts(true))}, {"prod"});
        CHECK(report.drift.empty());
    }
    SUBCASE("different environments are not drift") {
        auto report = make_audit_report(
            {row("dev", "a"), row("prod", "a", 3, audit_accounts(true))}, {"dev", "prod"});
        CHECK(report.drift.empty());
        CHECK(audit_exit_code(report) == ExitCode::ok);
    }
}

TEST_CASE("an unreadable target makes exit 1") {
    auto down = row("prod", "down");
    down.audit.status =
        fleet::test::status_row("prod", "down", StatusState::unreachable, 0, "refused").status;
    down.audit.schema.reset();
    down.audit.history = HistoryState::not_read;
    auto report = make_audit_report({row("prod", "a"), down}, {"prod"});
    CHECK(audit_exit_code(report) == ExitCode::failed);
}

TEST_CASE("the audit JSON has stable keys and says which targets have no history") {
    auto alembic = row("prod", "b");
    alembic.audit.history = HistoryState::no_history;
    auto report = make_audit_report(
        {row("prod", "a"), alembic, row("prod", "c", 3, audit_accounts(true))}, {"prod"});
    std::ostringstream out;
    render_audit_json(report, out);
    auto doc = nlohmann::json::parse(out.str());
    CHECK(doc["version"] == 1);
    CHECK(doc["exit_code"] == 3);
    CHECK(doc["summary"]["drifted"] == 1);
    CHECK(doc["summary"]["no_history"] == 1);
    CHECK(doc["status"]["version"] == 1);
    CHECK(doc["targets"][1]["history"] == "no_history");
    CHECK(doc["targets"][0]["history"] == "present");
    REQUIRE(doc["drift"].size() == 1);
    CHECK(doc["drift"][0]["target"] == "prod/c");
    CHECK(doc["drift"][0]["differences"][0]["name"] == "nickname");
}

TEST_CASE("with the schema its revisions build, a target is compared with that, not its peers") {
    // Peers alone would pick prod/a (the first of three distinct schemas)
    // as the reference and blame b and c; the replayed schema names a and b.
    Schema no_table;
    auto a = row("prod", "a", 3, audit_accounts(true));
    auto b = row("prod", "b", 3, no_table);
    auto c = row("prod", "c");
    for (auto* r : {&a, &b, &c})
        r->expected = audit_accounts();
    auto report = make_audit_report({a, b, c}, {"prod"});
    REQUIRE(report.drift.size() == 2);
    CHECK(report.drift[0].target == "prod/a");
    CHECK(report.drift[1].target == "prod/b");
    CHECK(report.drift[0].reference.empty());
    CHECK(report.drift[0].group_size == 0);
    CHECK(audit_exit_code(report) == ExitCode::out_of_sync);
    auto text = render_audit(report);
    CHECK(text.find("  prod/a differs from what its revisions build (at a3, replayed): + column "
                    "accounts.nickname varchar(50): only in prod/a\n") != std::string::npos);

    std::ostringstream json;
    render_audit_json(report, json);
    auto doc = nlohmann::json::parse(json.str());
    CHECK(doc["drift"][0]["against"] == "revisions");
    CHECK(doc["drift"][0]["reference"].is_null());
    CHECK(doc["targets"][0]["schema_replayed"] == true);
}

TEST_CASE("a target whose revisions were not replayed is compared with its peers, and says why") {
    auto a = row("prod", "a");
    auto b = row("prod", "b", 3, audit_accounts(true));
    auto c = row("prod", "c");
    for (auto* r : {&a, &b, &c})
        r->not_replayed = "no dev_url for postgresql";
    auto report = make_audit_report({a, b, c}, {"prod"});
    REQUIRE(report.drift.size() == 1);
    CHECK(report.drift[0].reference == "prod/a");
    CHECK(render_audit(report).find("  compared with their peers only (no dev_url for postgresql): "
                                    "prod/a, prod/b, prod/c\n") != std::string::npos);
}
