#include "plugins/reporters/status_json.hpp"

#include "tests/plugins/reporters/status_rows.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

// The JSON document of `fleet status`, schema version 1: every key the
// README documents, with its type.

namespace {

using namespace fleet::plugins::reporters;
using fleet::test::status_row;
using nlohmann::json;

json render_json(const StatusReport& report) {
    std::ostringstream out;
    render_status_json(report, out);
    CHECK(out.str().back() == '\n');
    return json::parse(out.str());
}

} // namespace

TEST_CASE("the document lists every target in inventory order with its state") {
    auto doc = render_json(
        summarize({status_row("staging", "t1", StatusState::up_to_date, 3),
                   status_row("production", "t1", StatusState::behind, 1),
                   status_row("production", "t2", StatusState::unreachable, 0, "refused")},
                  {"staging", "production"}));
    CHECK(doc["version"] == 1);
    CHECK(doc["exit_code"] == 1);
    CHECK(doc["most_advanced"] == "staging");
    CHECK(doc["summary"] == json{{"targets", 3}, {"unhealthy", 2}, {"unreadable", 1}});

    REQUIRE(doc["targets"].size() == 3);
    const auto& first = doc["targets"][0];
    CHECK(first["environment"] == "staging");
    CHECK(first["database"] == "t1");
    CHECK(first["url"] == "sqlite:///t1.db");
    CHECK(first["current"] == json{"a3"});
    CHECK(first["heads"] == json{"a3"});
    CHECK(first["pending"] == 0);
    CHECK(first["pending_revisions"] == json::array());
    CHECK(first["state"] == "up_to_date");
    CHECK(first["detail"] == "");

    CHECK(doc["targets"][1]["state"] == "behind");
    CHECK(doc["targets"][1]["pending"] == 2);
    CHECK(doc["targets"][1]["pending_revisions"] == json{"a2", "a3"});

    const auto& down = doc["targets"][2];
    CHECK(down["state"] == "unreachable");
    CHECK(down["current"].is_null());
    CHECK(down["pending"].is_null());
    CHECK(down["detail"] == "refused");
}

TEST_CASE("each environment carries every state's count and what it misses") {
    auto doc = render_json(summarize({status_row("staging", "t1", StatusState::up_to_date, 3),
                                      status_row("production", "t1", StatusState::behind, 1),
                                      status_row("production", "t2", StatusState::up_to_date, 3)},
                                     {"staging", "production"}));
    REQUIRE(doc["environments"].size() == 2);
    const auto& staging = doc["environments"][0];
    CHECK(staging["name"] == "staging");
    CHECK(staging["missing_vs"].is_null());
    for (const char* key : {"up_to_date", "behind", "several_heads", "ahead_or_unknown",
                            "half_done", "locked", "error", "unreachable"})
        CHECK(staging[key].is_number());

    const auto& production = doc["environments"][1];
    CHECK(production["targets"] == 2);
    CHECK(production["up_to_date"] == 1);
    CHECK(production["behind"] == 1);
    CHECK(production["missing_vs"] ==
          json{{"env", "staging"}, {"behind", 1}, {"compared", 2}, {"revisions", {"a2", "a3"}}});
    CHECK(doc["exit_code"] == 3);
}

TEST_CASE("an empty selection is a valid document") {
    auto doc = render_json(summarize({}, {}));
    CHECK(doc["targets"] == json::array());
    CHECK(doc["environments"] == json::array());
    CHECK(doc["most_advanced"].is_null());
    CHECK(doc["exit_code"] == 0);
}
