#include "plugins/reporters/status_report.hpp"

#include "tests/plugins/reporters/status_rows.hpp"

#include <doctest/doctest.h>

// summarize(): per-environment counts, the most advanced environment, and
// what each other environment misses; and the exit code of `fleet status`.

namespace {

using namespace fleet::plugins::reporters;
using fleet::test::status_row;
using Ids = std::vector<std::string>;

const EnvironmentSummary& env(const StatusReport& report, const std::string& name) {
    for (const auto& summary : report.environments) {
        if (summary.name == name) return summary;
    }
    FAIL("no environment " << name);
    throw 0;
}

} // namespace

TEST_CASE("environments are counted per state and compared with the most advanced one") {
    auto report =
        summarize({status_row("dev", "app", StatusState::up_to_date, 3),
                   status_row("staging", "t1", StatusState::up_to_date, 3),
                   status_row("staging", "t2", StatusState::up_to_date, 3),
                   status_row("production", "t1", StatusState::behind, 1),
                   status_row("production", "t2", StatusState::behind, 2),
                   status_row("production", "t3", StatusState::up_to_date, 3),
                   status_row("production", "t4", StatusState::unreachable, 0, "refused")},
                  {"dev", "staging", "production"});
    REQUIRE(report.environments.size() == 3);
    CHECK(report.environments[0].name == "dev");
    CHECK(report.environments[2].name == "production");
    // dev and staging have the same revisions: the later one is the reference.
    CHECK(report.most_advanced == "staging");

    const auto& production = env(report, "production");
    CHECK(production.targets == 4);
    CHECK(production.count(StatusState::behind) == 2);
    CHECK(production.count(StatusState::up_to_date) == 1);
    CHECK(production.count(StatusState::unreachable) == 1);
    REQUIRE(production.comparison);
    CHECK(production.comparison->against == "staging");
    CHECK(production.comparison->behind == 2);
    CHECK(production.comparison->compared == 3);
    CHECK(production.comparison->missing == Ids{"a2", "a3"});

    CHECK_FALSE(env(report, "staging").comparison);
    REQUIRE(env(report, "dev").comparison);
    CHECK(env(report, "dev").comparison->behind == 0);
    CHECK(env(report, "dev").comparison->missing.empty());
}

TEST_CASE(
    "among environments with the same revisions, the one that has them on every target leads") {
    auto report = summarize({status_row("dev", "app", StatusState::up_to_date, 3),
                             status_row("staging", "t1", StatusState::up_to_date, 3),
                             status_row("staging", "t2", StatusState::behind, 2)},
                            {"dev", "staging"});
    CHECK(report.most_advanced == "dev");
    CHECK(env(report, "staging").comparison->behind == 1);
    CHECK(env(report, "staging").comparison->missing == Ids{"a3"});
}

TEST_CASE("the environment with the most revisions applied is the reference, wherever it stands") {
    auto report = summarize({status_row("dev", "app", StatusState::up_to_date, 3),
                             status_row("staging", "t1", StatusState::behind, 1)},
                            {"dev", "staging"});
    CHECK(report.most_advanced == "dev");
    CHECK(env(report, "staging").comparison->missing == Ids{"a2", "a3"});
}

TEST_CASE("nothing applied anywhere means no reference and no comparison") {
    auto report = summarize({status_row("dev", "app", StatusState::behind, 0),
                             status_row("staging", "t1", StatusState::unreachable, 0, "down")},
                            {"dev", "staging"});
    CHECK(report.most_advanced.empty());
    for (const auto& summary : report.environments)
        CHECK_FALSE(summary.comparison);
}

TEST_CASE("environments keep inventory order; unlisted ones follow, unselected ones are left out") {
    auto report = summarize({status_row("b", "x", StatusState::up_to_date, 3),
                             status_row("z", "x", StatusState::up_to_date, 3)},
                            {"a", "b"});
    REQUIRE(report.environments.size() == 2);
    CHECK(report.environments[0].name == "b");
    CHECK(report.environments[1].name == "z");
}

TEST_CASE("the exit code: unreadable targets first, then anything not up to date") {
    using fleet::ExitCode;
    CHECK(status_exit_code(summarize({status_row("dev", "a", StatusState::up_to_date, 3)}, {})) ==
          ExitCode::ok);
    CHECK(status_exit_code(summarize({}, {})) == ExitCode::ok);
    for (auto state :
         {StatusState::behind, StatusState::several_heads, StatusState::ahead_or_unknown,
          StatusState::half_done, StatusState::locked}) {
        CAPTURE(fleet::engine::command::state_name(state));
        CHECK(status_exit_code(summarize({status_row("dev", "a", StatusState::up_to_date, 3),
                                          status_row("dev", "b", state, 2)},
                                         {})) == ExitCode::out_of_sync);
    }
    for (auto state : {StatusState::unreachable, StatusState::error}) {
        CHECK(status_exit_code(summarize({status_row("dev", "a", StatusState::behind, 1),
                                          status_row("dev", "b", state, 0, "why")},
                                         {})) == ExitCode::failed);
    }
    auto counts = count_states(summarize({status_row("dev", "a", StatusState::behind, 1),
                                          status_row("dev", "b", StatusState::error, 0, "why"),
                                          status_row("dev", "c", StatusState::up_to_date, 3)},
                                         {}));
    CHECK(counts.targets == 3);
    CHECK(counts.unhealthy == 2);
    CHECK(counts.unreadable == 1);
}
