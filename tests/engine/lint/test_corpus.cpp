#include "engine/lint/lint_revision.hpp"
#include "tests/engine/lint/corpus_files.hpp"

#include "engine/runtime/schema_replay.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "tests/engine/lint/lint_test_support.hpp"
#include "tests/support/temp_dir.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

// The lint corpus (tests/e2e/lint/corpus/expected.yaml) checked with the rules
// alone: no dry run, no database. Each migration must report exactly its
// expected rule ids (or its `static` ones, where only the dry run can see
// the hazard), and the ids it waives must be marked waived. The end-to-end
// suite runs the same files on real databases.

using fleet::test::lint::read;
using fleet::test::lint::strings;

namespace {

namespace fs = std::filesystem;
using fleet::engine::lint::Finding;

const fs::path k_corpus = FLEET_LINT_CORPUS_DIR;

const fleet::engine::ops::Dialect& dialect_named(const std::string& name) {
    if (name == "sqlite") return fleet::plugins::sqlite::SqliteDialect::instance();
    return fleet::plugins::postgres::PostgresDialect::instance();
}

// The findings of the corpus file `file` on top of `setup`, linted alone.
std::vector<Finding> lint_case(const std::string& file, const std::vector<std::string>& setup,
                               const std::string& dialect) {
    fleet::test::TempDir dir;
    for (const auto& path : setup)
        dir.write("m/versions/" + fs::path(path).filename().string(), read(k_corpus / path));
    dir.write("m/versions/" + fs::path(file).filename().string(), read(k_corpus / file));
    const auto scripts = fleet::engine::script::ScriptDirectory::load(dir.path() / "m");
    std::string id;
    for (const auto& script : scripts.scripts())
        if (fs::path(script.path).filename() == fs::path(file).filename()) id = script.revision.id;
    fleet::engine::runtime::SchemaReplay replay(scripts, dialect);
    const auto revision =
        fleet::engine::lint::revision_to_lint(scripts, id, dialect_named(dialect), replay);
    return fleet::engine::lint::lint_revision(revision);
}

} // namespace

TEST_CASE("every corpus migration reports exactly its expected rules without a database") {
    const YAML::Node manifest = YAML::LoadFile((k_corpus / "expected.yaml").string());
    int dangerous = 0;
    int safe = 0;
    for (const auto& entry : manifest["cases"]) {
        const auto file = entry["file"].as<std::string>();
        CAPTURE(file);
        REQUIRE(fs::exists(k_corpus / file));
        (entry["kind"].as<std::string>() == "dangerous" ? dangerous : safe) += 1;
        const auto expected = strings(entry["static"] ? entry["static"] : entry["expect"]);
        const auto waived = entry["waived"] ? strings(entry["waived"]) : std::vector<std::string>{};
        const auto findings =
            lint_case(file, strings(entry["setup"]), entry["dialect"].as<std::string>());
        std::set<std::string> ids;
        for (const auto& f : findings) {
            ids.insert(f.rule);
            CAPTURE(f.rule);
            const bool waived_rule =
                std::find(waived.begin(), waived.end(), f.rule) != waived.end();
            CHECK(f.waived.empty() != waived_rule);
            CHECK_FALSE(f.safe.empty());
            CHECK(f.line > 0);
        }
        CHECK(std::vector<std::string>(ids.begin(), ids.end()) == expected);
        if (entry["kind"].as<std::string>() == "safe") {
            // A safe migration is silent, or reports only what it waives.
            for (const auto& f : findings)
                CHECK_FALSE(f.waived.empty());
        } else {
            CHECK_FALSE(strings(entry["expect"]).empty());
        }
    }
    CHECK(dangerous + safe >= 40);
    CHECK(dangerous == safe);
}
