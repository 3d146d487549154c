#include "orchestrator/rollout/rollout_json.hpp"

#include "engine/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace fleet::orchestrator::rollout;
namespace fs = std::filesystem;

namespace {

RolloutDocument sample() {
    RolloutDocument document;
    document.command = "upgrade";
    document.revision = "head";
    document.shard = "1/4";
    document.run = "0123456789abcdef0123456789abcdef";
    TargetOutcome done;
    done.target = "prod/t1";
    done.state = TargetState::done;
    done.steps_run = 2;
    done.duration = std::chrono::milliseconds(120);
    TargetOutcome failed;
    failed.target = "prod/t2";
    failed.state = TargetState::failed;
    failed.steps_run = 1;
    failed.message = "revision 2b: relation \"x\" does not exist";
    failed.error = {.kind = "migration",
                    .revision = "2b",
                    .statement = "ALTER TABLE x ADD y int",
                    .sqlstate = "42P01",
                    .file = "",
                    .line = 0};
    document.report.outcomes = {done, failed};
    return document;
}

// A file in a fresh folder of the system's temp folder.
fs::path write_file(const std::string& name, const std::string& text) {
    auto dir = fs::temp_directory_path() / ("fleet-rollout-json-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / name) << text;
    return dir / name;
}

} // namespace

TEST_CASE("a rollout report written as JSON reads back the same") {
    std::ostringstream out;
    write_rollout_json(sample(), out);
    auto path = write_file("report.json", out.str());
    auto back = read_rollout_json(path);
    CHECK(back.command == "upgrade");
    CHECK(back.revision == "head");
    CHECK(back.shard == std::optional<std::string>("1/4"));
    CHECK(back.report == sample().report);
    CHECK(out.str().find("\"exit_code\": 1") != std::string::npos);
    CHECK(out.str().find("\"failed\": 1") != std::string::npos);
    CHECK(out.str().find("\"environment\": \"prod\"") != std::string::npos);
}

TEST_CASE("a report that is not one names the file and the line") {
    SUBCASE("not JSON") {
        auto path =
            write_file("broken.json", "{\n  \"version\": 1,\n  \"command\" \"upgrade\"\n}\n");
        try {
            read_rollout_json(path);
            FAIL("no error");
        } catch (const fleet::InputError& error) {
            CHECK(error.file() == path.string());
            CHECK(error.line() == 3);
        }
    }
    SUBCASE("a field missing") {
        auto path = write_file("short.json", R"({"version": 1, "command": "upgrade"})");
        CHECK_THROWS_WITH_AS(read_rollout_json(path),
                             doctest::Contains("the report has no \"revision\""),
                             fleet::InputError);
    }
    SUBCASE("a state fleet does not write") {
        std::ostringstream out;
        write_rollout_json(sample(), out);
        auto text = out.str();
        text.replace(text.find("\"failed\","), 9, "\"broken\",");
        auto path = write_file("state.json", text);
        CHECK_THROWS_WITH_AS(read_rollout_json(path), doctest::Contains("state 'broken'"),
                             fleet::InputError);
    }
}

TEST_CASE("a merged report's runs and missing shards read back, and a missing shard fails it") {
    auto merged = sample();
    merged.shard.reset();
    merged.report.outcomes.resize(1); // prod/t1, done
    CHECK(merged.exit_code() == fleet::ExitCode::ok);
    merged.runs = {"run-a", "run-b"};
    merged.missing_shards = {"2/4"};
    CHECK(merged.exit_code() == fleet::ExitCode::failed);
    std::ostringstream out;
    write_rollout_json(merged, out);
    CHECK(out.str().find("\"exit_code\": 1") != std::string::npos);
    auto back = read_rollout_json(write_file("merged.json", out.str()));
    CHECK_FALSE(back.shard);
    CHECK(back.runs == std::vector<std::string>{"run-a", "run-b"});
    CHECK(back.missing_shards == std::vector<std::string>{"2/4"});
    CHECK(back.exit_code() == fleet::ExitCode::failed);

    SUBCASE("a slice's report has neither field") {
        std::ostringstream slice;
        write_rollout_json(sample(), slice);
        CHECK(slice.str().find("\"runs\"") == std::string::npos);
        CHECK(slice.str().find("\"missing_shards\"") == std::string::npos);
    }
}
