// The lint corpus with the dry run: each migration's statements traced on a
// scratch database, then linted with that trace (no target facts: every
// table that existed may hold rows). Each must report its `expect` ids.
#include "engine/lint/lint_revision.hpp"
#include "engine/runtime/schema_replay.hpp"
#include "orchestrator/lint/dry_run.hpp"
#include "plugins/driver_registry.hpp"
#include "tests/engine/lint/corpus_files.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using fleet::test::lint::read;
using fleet::test::lint::strings;

namespace {

namespace fs = std::filesystem;

const fs::path k_corpus = FLEET_LINT_CORPUS_DIR;

} // namespace

TEST_CASE("every corpus migration, traced, reports exactly its expected rules") {
    const YAML::Node manifest = YAML::LoadFile((k_corpus / "expected.yaml").string());
    const char* pg = std::getenv("FLEET_TEST_PG_URL");
    REQUIRE(pg != nullptr);
    for (const auto& entry : manifest["cases"]) {
        const auto file = entry["file"].as<std::string>();
        const auto dialect_name = entry["dialect"].as<std::string>();
        CAPTURE(file);
        fleet::test::TempDir dir;
        for (const auto& path : strings(entry["setup"]))
            dir.write("m/versions/" + fs::path(path).filename().string(), read(k_corpus / path));
        dir.write("m/versions/" + fs::path(file).filename().string(), read(k_corpus / file));
        const fleet::engine::command::Project project(dir.path() / "m");
        std::string id;
        for (const auto& script : project.scripts().scripts())
            if (fs::path(script.path).filename() == fs::path(file).filename())
                id = script.revision.id;
        fleet::engine::url::DatabaseUrl like;
        like.scheme = dialect_name;
        const auto& dialect = fleet::plugins::dialect_for(like);
        fleet::engine::runtime::SchemaReplay replay(project.scripts(), dialect_name);
        const auto revision =
            fleet::engine::lint::revision_to_lint(project.scripts(), id, dialect, replay);
        fleet::orchestrator::lint::DryRunOptions options;
        options.dialect = dialect_name;
        options.dev_url = pg;
        const auto traces =
            fleet::orchestrator::lint::dry_run(project, {{id, revision.statements}}, options);
        REQUIRE(traces.size() == 1);
        const auto& trace = traces[0];
        std::string shown = fmt::format("traced={} why_not={} failed={}@{}", trace.traced,
                                        trace.why_not, trace.failed, trace.failed_line);
        for (const auto& s : trace.statements) {
            shown += fmt::format("\n  line {} traced={} rewritten=[{}] locks=[", s.line, s.traced,
                                 fmt::join(s.rewritten, ","));
            for (const auto& l : s.locks)
                shown +=
                    fmt::format("{}:{}{} ", l.relation, l.mode, l.existed_before ? "" : "(new)");
            shown += "]";
        }
        CAPTURE(shown);
        const auto findings = fleet::engine::lint::lint_revision(revision, &trace);
        std::set<std::string> ids;
        for (const auto& f : findings)
            ids.insert(f.rule);
        const auto expected = strings(entry["expect"]);
        CHECK(std::vector<std::string>(ids.begin(), ids.end()) == expected);
    }
}
