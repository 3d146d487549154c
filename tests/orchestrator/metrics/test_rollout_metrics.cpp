#include "orchestrator/metrics/metrics_file.hpp"
#include "orchestrator/metrics/rollout_metrics.hpp"

#include "engine/error.hpp"
#include "tests/support/golden_text.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace fleet::orchestrator;
using fleet::orchestrator::rollout::TargetOutcome;
using fleet::orchestrator::rollout::TargetState;
namespace fs = std::filesystem;

namespace {

TargetOutcome outcome(const std::string& target, TargetState state, int ms, int steps) {
    TargetOutcome o;
    o.target = target;
    o.state = state;
    o.duration = std::chrono::milliseconds(ms);
    o.steps_run = steps;
    return o;
}

// Fixed figures, so the text is the same at every run: 2026-11-21T10:00:00.250Z.
metrics::RolloutMetrics halted_rollout() {
    metrics::RolloutMetrics m;
    m.command = "upgrade";
    m.report.outcomes = {outcome("staging/t-acme", TargetState::done, 1234, 3),
                         outcome("production/t-acme", TargetState::done, 40, 2),
                         outcome("production/t-globex", TargetState::failed, 87, 1),
                         outcome("production/t-initech", TargetState::cancelled, 2500, 0),
                         outcome("production/t-umbrella", TargetState::skipped, 0, 0)};
    m.report.halted = true;
    m.duration = std::chrono::milliseconds(3900);
    m.finished = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795255200250));
    return m;
}

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("a rollout's metrics: targets by outcome, durations, steps, exit code, end time") {
    const auto text = metrics::render_rollout_metrics(halted_rollout());
    fleet::test::check_golden_text(std::string(FLEET_TEST_GOLDEN_DIR) + "/rollout_metrics.prom",
                                   text, "# golden:");
    CHECK(text.find("fleet_rollout_targets{command=\"upgrade\",environment=\"production\","
                    "outcome=\"failed\"} 1\n") != std::string::npos);
    CHECK(text.find("fleet_rollout_exit_code{command=\"upgrade\",environment=\"staging\"} 4\n") !=
          std::string::npos);
    // Skipped targets took no time: three observations in production.
    CHECK(text.find("fleet_rollout_target_duration_seconds_count{command=\"upgrade\","
                    "environment=\"production\"} 3\n") != std::string::npos);
}

TEST_CASE("a sharded rollout's series carry the shard") {
    auto m = halted_rollout();
    m.shard = "2/4";
    const auto text = metrics::render_rollout_metrics(m);
    CHECK(text.find("fleet_rollout_steps_committed{command=\"upgrade\",environment=\"staging\","
                    "shard=\"2/4\"} 3\n") != std::string::npos);
}

TEST_CASE("the metrics file is replaced whole, readable by the collector, nothing left beside it") {
    fleet::test::TempDir dir;
    const auto path = dir.path() / "fleet.prom";
    std::ofstream(path) << "old\n";
    metrics::write_metrics_file(path, "fleet_x 1\n");
    CHECK(read(path) == "fleet_x 1\n");
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0644);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path()))
        ++files;
    CHECK(files == 1);

    SUBCASE("a folder that is not there is refused before the run, and not made") {
        CHECK_THROWS_AS(metrics::check_metrics_path(dir.path() / "missing" / "fleet.prom"),
                        fleet::UsageError);
        CHECK_THROWS_AS(metrics::check_metrics_path(dir.path()), fleet::UsageError);
        CHECK_NOTHROW(metrics::check_metrics_path(path));
        CHECK_THROWS_AS(metrics::write_metrics_file(dir.path() / "missing" / "fleet.prom", "x\n"),
                        fleet::Error);
        CHECK_FALSE(fs::exists(dir.path() / "missing"));
    }
}
