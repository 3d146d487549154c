#include "engine/script/script_file.hpp"
#include "engine/script/script_format.hpp"
#include "tests/engine/script/script_test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace fleet::test;
using fleet::engine::script::format_of;
using fleet::engine::script::load_script_file;
using fleet::engine::script::parse_format;
using fleet::engine::script::parse_script;
using fleet::engine::script::ScriptFormat;

TEST_CASE("A revision file's format comes from its extension") {
    CHECK(format_of("a/b_c.sql") == ScriptFormat::sql);
    CHECK(format_of("b_c.yaml") == ScriptFormat::yaml);
    CHECK(format_of("b_c.yml") == ScriptFormat::yaml);
    CHECK_FALSE(format_of("b_c.py").has_value());
    CHECK_FALSE(format_of("b_c.sql~").has_value());
    CHECK_FALSE(format_of("README").has_value());
}

TEST_CASE("The --format value is sql or yaml") {
    CHECK(parse_format("sql") == ScriptFormat::sql);
    CHECK(parse_format("yaml") == ScriptFormat::yaml);
    CHECK_THROWS_WITH_AS(parse_format("python"),
                         "unknown script format 'python' (expected sql or yaml)",
                         fleet::UsageError);
}

TEST_CASE("Loading a revision file that cannot be loaded names the file") {
    TempDir dir;
    SUBCASE("a missing file") {
        const auto path = dir.path() / "missing.sql";
        CHECK_THROWS_WITH_AS(
            load_script_file(path),
            (path.string() + ": cannot read the file: No such file or directory").c_str(),
            fleet::InputError);
    }
    SUBCASE("a file of another kind") {
        const auto path = dir.write("env.py", "revision = 'abc'\n");
        CHECK_THROWS_WITH_AS(
            load_script_file(path),
            (path.string() + ": not a revision file: the name must end in .sql, .yaml or .yml")
                .c_str(),
            fleet::InputError);
    }
    SUBCASE("a folder") {
        const auto folder = dir.path() / "abc.sql";
        std::filesystem::create_directories(folder);
        CHECK_THROWS_WITH_AS(load_script_file(folder),
                             (folder.string() + ": cannot read the file: it is a folder").c_str(),
                             fleet::InputError);
    }
    SUBCASE("an unreadable file") {
        const auto path = dir.write("abc.sql", "-- revision: abc\n-- +upgrade\n");
        std::filesystem::permissions(path, std::filesystem::perms::none);
        if (std::ifstream(path).good()) return; // running as root: every file reads
        CHECK_THROWS_WITH_AS(load_script_file(path),
                             (path.string() + ": cannot read the file: Permission denied").c_str(),
                             fleet::InputError);
    }
}

TEST_CASE("Parsing text already read needs no file on disk") {
    const auto script =
        parse_script("-- revision: abc\n-- +upgrade\nSELECT 1;\n", "mem.sql", ScriptFormat::sql);
    CHECK(script.revision.id == "abc");
    CHECK(script.path == "mem.sql");
    CHECK(script.revision.source == "mem.sql");
    CHECK(script.checksum().size() == 64);
    CHECK_THROWS_WITH_AS(parse_script("revision: [", "mem.yaml", ScriptFormat::yaml),
                         "mem.yaml:1: end of sequence flow not found", fleet::InputError);
}
