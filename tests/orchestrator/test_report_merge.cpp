#include "orchestrator/rollout/report_merge.hpp"

#include "engine/error.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace fleet::orchestrator::rollout;

namespace {

TargetOutcome outcome(const std::string& target, TargetState state, int steps = 3) {
    TargetOutcome result;
    result.target = target;
    result.state = state;
    result.steps_run = steps;
    if (state == TargetState::failed) result.message = "revision 2b: no such table: x";
    return result;
}

// The report of slice `shard` ("K/N", or "" for a whole selection).
ShardReport slice(const std::string& file, const std::string& shard,
                  std::vector<TargetOutcome> outcomes, const std::string& run) {
    ShardReport report;
    report.file = file;
    report.document.command = "upgrade";
    report.document.revision = "head";
    if (!shard.empty()) report.document.shard = shard;
    report.document.run = run;
    report.document.report.outcomes = std::move(outcomes);
    return report;
}

std::vector<std::string> targets_of(const RolloutDocument& document) {
    std::vector<std::string> names;
    for (const auto& o : document.report.outcomes)
        names.push_back(o.target);
    return names;
}

} // namespace

TEST_CASE("the reports of every slice merge into one rollout's report") {
    auto merged = merge_reports(
        {slice("r0.json", "0/3", {outcome("prod/a", TargetState::done)}, "run0"),
         slice("r1.json", "1/3",
               {outcome("prod/b", TargetState::done), outcome("prod/c", TargetState::done)},
               "run1"),
         slice("r2.json", "2/3", {}, "run2")},
        "merge-run");
    CHECK(merged.command == "upgrade");
    CHECK(merged.revision == "head");
    CHECK_FALSE(merged.shard);
    CHECK(merged.run == "merge-run");
    CHECK(merged.runs == std::vector<std::string>{"run0", "run1", "run2"});
    CHECK(merged.missing_shards.empty());
    CHECK(targets_of(merged) == std::vector<std::string>{"prod/a", "prod/b", "prod/c"});
    CHECK(merged.report.count(TargetState::done) == 3);
    CHECK(merged.exit_code() == fleet::ExitCode::ok);

    SUBCASE("written and read back, the merged document keeps its runs") {
        std::ostringstream out;
        write_rollout_json(merged, out);
        CHECK(out.str().find("\"shard\": null") != std::string::npos);
        CHECK(out.str().find("\"runs\": [\n    \"run0\",") != std::string::npos);
        CHECK(out.str().find("\"missing_shards\": []") != std::string::npos);
        CHECK(out.str().find("\"exit_code\": 0") != std::string::npos);
        CHECK(out.str().find("\"targets\": 3") != std::string::npos);
    }
}

TEST_CASE("one failed slice fails the merged report; a halted one halts it") {
    auto failed =
        merge_reports({slice("r0.json", "0/2", {outcome("prod/a", TargetState::done)}, "run0"),
                       slice("r1.json", "1/2",
                             {outcome("prod/b", TargetState::failed, 1),
                              outcome("prod/c", TargetState::skipped, 0)},
                             "run1")},
                      "merge-run");
    CHECK(failed.report.count(TargetState::failed) == 1);
    CHECK(failed.report.count(TargetState::skipped) == 1);
    CHECK(failed.exit_code() == fleet::ExitCode::failed);

    auto halted_slice =
        slice("r1.json", "1/2", {outcome("prod/b", TargetState::failed, 1)}, "run1");
    halted_slice.document.report.halted = true;
    halted_slice.document.report.halt_reason = "canary prod/b failed";
    auto halted = merge_reports(
        {slice("r0.json", "0/2", {outcome("prod/a", TargetState::done)}, "run0"), halted_slice},
        "merge-run");
    CHECK(halted.report.halted);
    CHECK(halted.report.halt_reason == "shard 1/2: canary prod/b failed");
    CHECK(halted.exit_code() == fleet::ExitCode::halted);

    auto interrupted_slice = slice("r0.json", "0/2", {}, "run0");
    interrupted_slice.document.report.interrupted = true;
    auto interrupted = merge_reports(
        {interrupted_slice, slice("r1.json", "1/2", {outcome("prod/a", TargetState::done)}, "r")},
        "merge-run");
    CHECK(interrupted.report.interrupted);
    CHECK(interrupted.exit_code() == fleet::ExitCode::failed);
}

TEST_CASE("a slice with no report is named, and the merged report is not a success") {
    auto merged =
        merge_reports({slice("r0.json", "0/4", {outcome("prod/a", TargetState::done)}, "run0"),
                       slice("r3.json", "3/4", {outcome("prod/d", TargetState::done)}, "run3")},
                      "merge-run");
    CHECK(merged.missing_shards == std::vector<std::string>{"1/4", "2/4"});
    CHECK(merged.exit_code() == fleet::ExitCode::failed);

    SUBCASE("the late reports merged into it complete it") {
        auto complete =
            merge_reports({ShardReport{"merged.json", merged}, slice("r1.json", "1/4", {}, "run1"),
                           slice("r2.json", "2/4", {}, "run2")},
                          "merge-run-2");
        CHECK(complete.runs == std::vector<std::string>{"run0", "run3", "run1", "run2"});
        CHECK(complete.missing_shards.empty());
        CHECK(complete.exit_code() == fleet::ExitCode::ok);
    }
    SUBCASE("two partial merges that hold every slice between them complete it") {
        auto other = merge_reports(
            {slice("r1.json", "1/4", {}, "run1"), slice("r2.json", "2/4", {}, "run2")}, "m2");
        CHECK(other.missing_shards == std::vector<std::string>{"0/4", "3/4"});
        auto both = merge_reports(
            {ShardReport{"merged.json", merged}, ShardReport{"other.json", other}}, "m3");
        CHECK(both.missing_shards.empty());
    }
    SUBCASE("merged with nothing new, it still lacks them") {
        auto again = merge_reports(
            {ShardReport{"merged.json", merged}, slice("r1.json", "1/4", {}, "run1")}, "m2");
        CHECK(again.missing_shards == std::vector<std::string>{"2/4"});
        CHECK(again.exit_code() == fleet::ExitCode::failed);
    }
}

TEST_CASE("reports that are not one sharded rollout's are refused, naming the files") {
    SUBCASE("a target in two reports: the slices overlapped") {
        CHECK_THROWS_WITH_AS(
            merge_reports({slice("r0.json", "0/2", {outcome("prod/a", TargetState::done)}, "a"),
                           slice("r1.json", "1/2", {outcome("prod/a", TargetState::done)}, "b")},
                          "m"),
            "fleet report merge: target prod/a is in two reports, r0.json and r1.json: their "
            "slices overlapped (were they sharded with the same N and the same inventory?)",
            fleet::UsageError);
    }
    SUBCASE("different commands or revisions") {
        auto downgrade = slice("r1.json", "1/2", {}, "b");
        downgrade.document.command = "downgrade";
        downgrade.document.revision = "-1";
        CHECK_THROWS_WITH_AS(merge_reports({slice("r0.json", "0/2", {}, "a"), downgrade}, "m"),
                             "fleet report merge: r0.json is a report of `upgrade head` but "
                             "r1.json is of `downgrade -1`; merge the reports of one rollout",
                             fleet::UsageError);
        auto other_revision = slice("r1.json", "1/2", {}, "b");
        other_revision.document.revision = "abc123";
        CHECK_THROWS_AS(merge_reports({slice("r0.json", "0/2", {}, "a"), other_revision}, "m"),
                        fleet::UsageError);
    }
    SUBCASE("slices of different counts") {
        CHECK_THROWS_WITH_AS(
            merge_reports({slice("r0.json", "0/2", {}, "a"), slice("r1.json", "1/3", {}, "b")},
                          "m"),
            "fleet report merge: r0.json is shard 0/2 but r1.json is shard 1/3: slices of "
            "different counts overlap; merge the reports of one sharded run",
            fleet::UsageError);
    }
    SUBCASE("one slice twice") {
        CHECK_THROWS_WITH_AS(
            merge_reports({slice("r0.json", "0/2", {}, "a"), slice("copy.json", "0/2", {}, "b")},
                          "m"),
            "fleet report merge: shard 0/2 is given twice: r0.json and copy.json",
            fleet::UsageError);
    }
    SUBCASE("nothing to merge") {
        CHECK_THROWS_WITH_AS(merge_reports({}, "m"), "fleet report merge: no reports to merge",
                             fleet::UsageError);
    }
}

TEST_CASE("reports of whole selections merge without a shard check") {
    auto merged =
        merge_reports({slice("dev.json", "", {outcome("dev/a", TargetState::done)}, "a"),
                       slice("prod.json", "", {outcome("prod/a", TargetState::done)}, "b")},
                      "m");
    CHECK(targets_of(merged) == std::vector<std::string>{"dev/a", "prod/a"});
    CHECK(merged.missing_shards.empty());
    CHECK(merged.exit_code() == fleet::ExitCode::ok);
}
