#include "plugins/reporters/status_table.hpp"

#include "tests/plugins/reporters/status_rows.hpp"

#include <doctest/doctest.h>
#include <sstream>

// The status table rendered from hand-made values: order, cells, the summary
// and comparison lines, and how a large fleet collapses.

namespace {

using namespace fleet::plugins::reporters;
using fleet::test::status_row;

std::string render(const StatusReport& report, TableOptions options = {}) {
    std::ostringstream out;
    render_status_table(report, out, options);
    return out.str();
}

} // namespace

TEST_CASE("unhealthy rows come first, worst first, then every environment in inventory order") {
    auto report =
        summarize({status_row("dev", "app", StatusState::up_to_date, 3),
                   status_row("staging", "t1", StatusState::up_to_date, 3),
                   status_row("staging", "t2", StatusState::behind, 2),
                   status_row("production", "t1", StatusState::behind, 1),
                   status_row("production", "t2", StatusState::up_to_date, 3),
                   status_row("production", "t3", StatusState::unreachable, 0,
                              "cannot connect to postgresql://app:***@db:5432/t3:\n  refused")},
                  {"dev", "staging", "production"});
    CHECK(render(report) ==
          "ENVIRONMENT  DATABASE  CURRENT  HEADS  PENDING  STATE\n"
          "production   t3        -        a3     -        unreachable: cannot connect to "
          "postgresql://app:***@db:5432/t3: refused\n"
          "staging      t2        a2       a3     1        behind 1\n"
          "production   t1        a1       a3     2        behind 2\n"
          "dev          app       a3       a3     0        up to date\n"
          "staging      t1        a3       a3     0        up to date\n"
          "production   t2        a3       a3     0        up to date\n"
          "\n"
          "dev: 1 target, 1 up to date\n"
          "staging: 2 targets, 1 up to date, 1 behind\n"
          "production: 3 targets, 1 up to date, 1 behind, 1 unreachable\n"
          "\n"
          "dev: most advanced\n"
          "staging: 1 of 2 behind dev, missing a3\n"
          "production: 1 of 3 behind dev (1 not compared), missing a2, a3\n");
}

TEST_CASE("cells say base, unknown and each state in words") {
    auto fresh = status_row("dev", "new", StatusState::behind, 0, "database not created yet");
    CHECK(state_text(fresh.status) == "behind 3: database not created yet");
    auto unknown = status_row("dev", "x", StatusState::ahead_or_unknown, 0,
                              "version zz9 not in the script directory");
    CHECK(state_text(unknown.status) ==
          "ahead or unknown: version zz9 not in the script directory");
    CHECK(state_text(status_row("d", "x", StatusState::half_done, 1, "upgrade a2 failed").status) ==
          "half-done: upgrade a2 failed");
    CHECK(state_text(status_row("d", "x", StatusState::locked, 1, "pid 7").status) ==
          "locked: pid 7");

    auto out = render(summarize({fresh, unknown}, {}));
    CHECK(out.find("dev          new       base     a3     3        behind 3") !=
          std::string::npos);
    CHECK(out.find("dev          x         zz9      a3     -        ahead or unknown") !=
          std::string::npos);
}

TEST_CASE("one environment gets no comparison block, and nothing selected says so") {
    auto out = render(summarize({status_row("dev", "app", StatusState::up_to_date, 3)}, {"dev"}));
    CHECK(out == "ENVIRONMENT  DATABASE  CURRENT  HEADS  PENDING  STATE\n"
                 "dev          app       a3       a3     0        up to date\n"
                 "\n"
                 "dev: 1 target, 1 up to date\n");
    CHECK(render(summarize({}, {})) == "No targets selected.\n");
}

TEST_CASE("above the threshold the healthy rows collapse into one line per environment") {
    std::vector<StatusRow> rows;
    for (int i = 0; i < 30; ++i)
        rows.push_back(status_row("staging", "t" + std::to_string(i), StatusState::up_to_date, 3));
    for (int i = 0; i < 30; ++i) {
        rows.push_back(status_row("production", "t" + std::to_string(i),
                                  i < 2 ? StatusState::behind : StatusState::up_to_date,
                                  i < 2 ? 2 : 3));
    }
    auto report = summarize(rows, {"staging", "production"});

    SUBCASE("collapsed") {
        CHECK(render(report) ==
              "ENVIRONMENT  DATABASE      CURRENT  HEADS  PENDING  STATE\n"
              "production   t0            a2       a3     1        behind 1\n"
              "production   t1            a2       a3     1        behind 1\n"
              "staging      (30 targets)                           up to date\n"
              "production   (28 targets)                           up to date\n"
              "(58 targets up to date not listed one by one; --all lists every target)\n"
              "\n"
              "staging: 30 targets, 30 up to date\n"
              "production: 30 targets, 28 up to date, 2 behind\n"
              "\n"
              "staging: most advanced\n"
              "production: 2 of 30 behind staging, missing a3\n");
    }
    SUBCASE("--all lists every row") {
        TableOptions options;
        options.all = true;
        auto out = render(report, options);
        CHECK(std::count(out.begin(), out.end(), '\n') == 1 + 60 + 1 + 2 + 1 + 2);
        CHECK(out.find("(30 targets)") == std::string::npos);
    }
    SUBCASE("at or below the threshold nothing collapses") {
        TableOptions options;
        options.collapse_above = 60;
        CHECK(render(report, options).find("not listed") == std::string::npos);
    }
}

TEST_CASE("a long list of missing revisions is cut short, with the count") {
    std::vector<StatusRow> rows = {status_row("staging", "a", StatusState::up_to_date, 3),
                                   status_row("production", "a", StatusState::behind, 0)};
    TableOptions options;
    options.missing_shown = 2;
    auto out = render(summarize(rows, {"staging", "production"}), options);
    CHECK(out.find("production: 1 of 1 behind staging, missing a1, a2, ... (3 in all)\n") !=
          std::string::npos);
}

TEST_CASE("columns are as wide as their text on screen, not as its bytes") {
    // "producción-eu" is 13 columns in 14 bytes; "本番" 4 columns (two wide
    // characters) in 6 bytes; "café" written with a combining accent 4
    // columns in 6 bytes. Counted in bytes, the first column came out one
    // space too wide.
    const std::string decomposed_cafe = "cafe\xcc\x81";
    std::vector<StatusRow> rows = {status_row("producción-eu", "t1", StatusState::up_to_date, 3),
                                   status_row("本番", "t2", StatusState::up_to_date, 3),
                                   status_row(decomposed_cafe, "t3", StatusState::up_to_date, 3)};
    auto out = render(summarize(rows, {"producción-eu", "本番", decomposed_cafe}));
    CHECK(out.substr(0, out.find("\n\n") + 1) ==
          "ENVIRONMENT    DATABASE  CURRENT  HEADS  PENDING  STATE\n"
          "producción-eu  t1        a3       a3     0        up to date\n"
          "本番           t2        a3       a3     0        up to date\n"
          "cafe\xcc\x81           t3        a3       a3     0        up to date\n");
}
