#include "engine/runtime/schema_replay.hpp"

#include "engine/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

// The schema each revision's ancestors build, replayed from YAML files
// without a database, on a branchy graph.

namespace {

using namespace fleet::engine;

std::string yaml_revision(const std::string& id, const std::string& down,
                          const std::string& steps) {
    return "revision: " + id + "\ndown_revision: " + down + "\nupgrade:\n" + steps;
}

std::vector<std::string> column_names(const ops::SchemaModel& model, const std::string& table) {
    std::vector<std::string> names;
    if (const auto* t = model.find_table("", table))
        for (const auto& column : t->columns)
            names.push_back(column.name);
    return names;
}

using Names = std::vector<std::string>;

} // namespace

TEST_CASE("each revision's model is what its ancestors build, branches and merges included") {
    fleet::test::TempDir dir;
    dir.write("m/versions/a1.yaml",
              yaml_revision("a1", "null",
                            "  - create_table: {name: t, columns: [{name: id, type: integer}]}\n"));
    dir.write(
        "m/versions/b1.yaml",
        yaml_revision("b1", "a1", "  - add_column: {table: t, column: {name: b, type: text}}\n"));
    dir.write(
        "m/versions/c1.yaml",
        yaml_revision("c1", "a1", "  - add_column: {table: t, column: {name: c, type: text}}\n"));
    dir.write("m/versions/m1.yaml", yaml_revision("m1", "[b1, c1]",
                                                  "  - drop_column: {table: t, "
                                                  "column: b}\n"));
    dir.write("m/versions/s1.sql",
              "-- revision: s1\n-- down_revision: m1\n-- +upgrade\nCREATE TABLE legacy (x INT);\n");
    auto scripts = script::ScriptDirectory::load(dir.path() / "m");
    runtime::SchemaReplay replay(scripts, "sqlite");

    CHECK(replay.before("a1").tables().empty());
    CHECK(column_names(replay.after("a1"), "t") == Names{"id"});
    CHECK(column_names(replay.after("b1"), "t") == Names{"id", "b"});
    CHECK(column_names(replay.after("c1"), "t") == Names{"id", "c"});
    // The merge sees both branches, in topological order.
    CHECK(column_names(replay.before("m1"), "t") == Names{"id", "b", "c"});
    CHECK(column_names(replay.after("m1"), "t") == Names{"id", "c"});
    CHECK(replay.after("m1").complete());
    // A SQL revision leaves a model that no longer claims to know everything.
    CHECK_FALSE(replay.after("s1").complete());
}

TEST_CASE("an earlier revision that cannot apply is named with its file and line") {
    fleet::test::TempDir dir;
    dir.write("m/versions/a1.yaml",
              yaml_revision("a1", "null",
                            "  - add_column: {table: nowhere, column: {name: x, type: text}}\n"));
    dir.write("m/versions/b1.yaml",
              yaml_revision("b1", "a1",
                            "  - create_table: {name: t, columns: [{name: id, type: "
                            "integer}]}\n"));
    auto scripts = script::ScriptDirectory::load(dir.path() / "m");
    runtime::SchemaReplay replay(scripts, "sqlite");
    CHECK_THROWS_WITH_AS(replay.before("b1"),
                         ((dir.path() / "m" / "versions" / "a1.yaml").string() +
                          ":4: add_column: table nowhere does not exist")
                             .c_str(),
                         fleet::InputError);
}
