#include "engine/script/script_directory.hpp"
#include "engine/script/script_file.hpp"
#include "engine/script/sha256.hpp"

#include "engine/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <variant>
#include <vector>

using fleet::InputError;
using fleet::engine::ops::Execute;
using fleet::engine::script::Direction;
using fleet::engine::script::Parse;
using fleet::engine::script::parse_script;
using fleet::engine::script::ScriptDirectory;
using fleet::engine::script::ScriptFormat;
using fleet::test::TempDir;

namespace {

// A good header over a body that cannot be split: the string on line 4
// never closes.
constexpr const char* k_bad_sql_body = "-- revision: bad1\n"
                                       "-- down_revision: good1\n"
                                       "-- +upgrade\n"
                                       "INSERT INTO t VALUES ('never closed);\n"
                                       "-- +downgrade\n"
                                       "DELETE FROM t;\n";

constexpr const char* k_bad_yaml_body = "revision: bad2\n"
                                        "down_revision: null\n"
                                        "upgrade:\n"
                                        "  - frobnicate: {table: x}\n";

} // namespace

TEST_CASE("Loading headers only reads the graph and leaves a bad body for its first use") {
    TempDir dir;
    dir.write("m/versions/1_good.sql",
              "-- revision: good1\n-- down_revision:\n-- +upgrade\nSELECT 1;\n");
    dir.write("m/versions/2_bad.sql", k_bad_sql_body);
    dir.write("m/versions/3_bad.yaml", k_bad_yaml_body);
    const auto bad_sql = (dir.path() / "m/versions/2_bad.sql").string();
    const auto bad_yaml = (dir.path() / "m/versions/3_bad.yaml").string();

    SUBCASE("everything (the default) fails the load at the bad body, naming file and line") {
        CHECK_THROWS_WITH_AS(ScriptDirectory::load(dir.path() / "m"),
                             doctest::Contains((bad_sql + ":4: unterminated").c_str()), InputError);
    }
    SUBCASE("headers: the load succeeds and the graph is whole") {
        const ScriptDirectory scripts = ScriptDirectory::load(dir.path() / "m", Parse::headers);
        REQUIRE(scripts.scripts().size() == 3);
        const auto* bad = scripts.find("bad1");
        REQUIRE(bad != nullptr);
        CHECK(bad->revision.down_revisions == std::vector<std::string>{"good1"});
        CHECK(bad->has_downgrade());
        CHECK_FALSE(scripts.find("bad2")->has_downgrade());
        // The good one's body is there when asked.
        const auto& good = scripts.find("good1")->operations(Direction::upgrade, "sqlite");
        REQUIRE(good.size() == 1);
        CHECK(std::get<Execute>(good[0]).sql == "SELECT 1");
        // The bad ones fail when their body is first needed, every time.
        for (int attempt = 0; attempt < 2; ++attempt) {
            CHECK_THROWS_WITH_AS(bad->operations(Direction::upgrade, "sqlite"),
                                 doctest::Contains((bad_sql + ":4: unterminated").c_str()),
                                 InputError);
            CHECK_THROWS_WITH_AS(scripts.find("bad2")->body(),
                                 doctest::Contains((bad_yaml + ":4:").c_str()), InputError);
        }
    }
}

TEST_CASE("A header error fails the load however little of the file is parsed") {
    TempDir dir;
    dir.write("m/versions/1.sql", "-- revision: a1\n-- colour: red\n-- +upgrade\nSELECT 1;\n");
    const auto file = (dir.path() / "m/versions/1.sql").string();
    for (Parse parse : {Parse::headers, Parse::everything}) {
        CHECK_THROWS_WITH_AS(ScriptDirectory::load(dir.path() / "m", parse),
                             doctest::Contains((file + ":2: unknown header key 'colour'").c_str()),
                             InputError);
    }
    SUBCASE("so are a bad marker, a missing upgrade and SQL before the first marker") {
        CHECK_THROWS_WITH_AS(parse_script("-- revision: a1\n-- +sideways\n", "x.sql",
                                          ScriptFormat::sql, Parse::headers),
                             doctest::Contains("x.sql:2: unknown section marker"), InputError);
        CHECK_THROWS_WITH_AS(parse_script("-- revision: a1\n-- +downgrade\nSELECT 1;\n", "x.sql",
                                          ScriptFormat::sql, Parse::headers),
                             doctest::Contains("no '-- +upgrade' section"), InputError);
        CHECK_THROWS_WITH_AS(parse_script("-- revision: a1\nDROP TABLE t;\n-- +upgrade\n", "x.sql",
                                          ScriptFormat::sql, Parse::headers),
                             doctest::Contains("x.sql:2: SQL outside any section"), InputError);
        CHECK_THROWS_WITH_AS(parse_script("revision: a1\ndown_revision: null\n", "x.yaml",
                                          ScriptFormat::yaml, Parse::headers),
                             doctest::Contains("no 'upgrade'"), InputError);
    }
}

TEST_CASE("A script's checksum covers the bytes as read, however it was loaded") {
    const std::string text = "\xEF\xBB\xBF-- revision: a1\n-- +upgrade\nSELECT 1;\n";
    for (Parse parse : {Parse::headers, Parse::everything}) {
        const auto script = parse_script(text, "x.sql", ScriptFormat::sql, parse);
        CHECK(script.checksum() == fleet::engine::script::sha256_hex(text));
    }
}

TEST_CASE("Threads asking for one body at once all get the same, parsed once") {
    std::string text = "-- revision: a1\n-- +upgrade\n";
    for (int i = 0; i < 500; ++i)
        text += "INSERT INTO t VALUES (" + std::to_string(i) + ");\n";
    const auto script = parse_script(text, "x.sql", ScriptFormat::sql, Parse::headers);
    std::vector<const void*> seen(8, nullptr);
    std::vector<std::string> sums(8);
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < seen.size(); ++i) {
            threads.emplace_back([&, i] {
                seen[i] = &script.operations(Direction::upgrade, "sqlite");
                sums[i] = script.checksum();
            });
        }
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
        CHECK(seen[i] == seen[0]);
        CHECK(sums[i] == sums[0]);
    }
    CHECK(script.operations(Direction::upgrade, "sqlite").size() == 500);
}
