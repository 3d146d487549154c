#include "engine/script/script_directory.hpp"

#include "engine/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <fstream>

using fleet::engine::script::ScriptDirectory;
using fleet::test::TempDir;

namespace {

std::string sql_revision(const std::string& id, const std::string& down = "") {
    return "-- revision: " + id + "\n-- down_revision: " + down + "\n-- +upgrade\nSELECT 1;\n";
}

} // namespace

TEST_CASE("A script directory loads every revision file in versions/, by name") {
    TempDir dir;
    dir.write("migrations/versions/bbb_second.yaml",
              "revision: bbb\ndown_revision: aaa\nupgrade: []\n");
    dir.write("migrations/versions/aaa_first.sql", sql_revision("aaa"));
    dir.write("migrations/versions/ccc_third.yml",
              "revision: ccc\ndown_revision: bbb\nupgrade: []\n");
    dir.write("migrations/versions/README.md", "not a revision");
    dir.write("migrations/versions/aaa_first.sql~", "an editor's backup");
    dir.write("migrations/versions/.#aaa_first.sql", "an editor's lock file");
    dir.write("migrations/versions/ddd.sql/x", "a folder with a revision's name");
    dir.write("migrations/env.sql", "outside versions/");

    const ScriptDirectory scripts = ScriptDirectory::load(dir.path() / "migrations");
    CHECK(scripts.location() == dir.path() / "migrations");
    CHECK(scripts.versions_path() == dir.path() / "migrations" / "versions");

    REQUIRE(scripts.scripts().size() == 3);
    CHECK(scripts.scripts()[0].revision.id == "aaa");
    CHECK(scripts.scripts()[1].revision.id == "bbb");
    CHECK(scripts.scripts()[2].revision.id == "ccc");
    CHECK(scripts.scripts()[1].format == "yaml");

    SUBCASE("find() takes exact ids only") {
        REQUIRE(scripts.find("bbb") != nullptr);
        CHECK(scripts.find("bbb")->path ==
              (dir.path() / "migrations/versions/bbb_second.yaml").string());
        CHECK(scripts.find("bb") == nullptr);
        CHECK(scripts.find("zzz") == nullptr);
    }
    SUBCASE("revisions() copies each graph node with its file as source") {
        const auto revisions = scripts.revisions();
        REQUIRE(revisions.size() == 3);
        CHECK(revisions[0].id == "aaa");
        CHECK(revisions[2].down_revisions == std::vector<std::string>{"bbb"});
        CHECK(revisions[0].source == (dir.path() / "migrations/versions/aaa_first.sql").string());
    }
}

TEST_CASE("An empty versions/ folder is a script directory without revisions") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "versions");
    const ScriptDirectory scripts = ScriptDirectory::load(dir.path());
    CHECK(scripts.scripts().empty());
    CHECK(scripts.revisions().empty());
}

TEST_CASE("A script directory that cannot be loaded says why") {
    TempDir dir;
    SUBCASE("the folder does not exist") {
        const auto missing = dir.path() / "nope";
        CHECK_THROWS_WITH_AS(ScriptDirectory::load(missing),
                             ("script folder '" + missing.string() +
                              "' does not exist (create one with 'fleet init')")
                                 .c_str(),
                             fleet::InputError);
    }
    SUBCASE("it has no versions/ folder") {
        CHECK_THROWS_WITH_AS(
            ScriptDirectory::load(dir.path()),
            ("versions folder '" + (dir.path() / "versions").string() + "' does not exist").c_str(),
            fleet::InputError);
    }
    SUBCASE("a file stands where the folder should be") {
        std::ofstream(dir.path() / "afile") << "x";
        CHECK_THROWS_WITH_AS(
            ScriptDirectory::load(dir.path() / "afile"),
            ("script folder '" + (dir.path() / "afile").string() + "' is not a folder").c_str(),
            fleet::InputError);
    }
    SUBCASE("a file is bad") {
        const auto bad = dir.write("versions/aaa.sql", "-- message: no id\n-- +upgrade\n");
        CHECK_THROWS_WITH_AS(ScriptDirectory::load(dir.path()),
                             (bad.string() + ": no 'revision' in the header").c_str(),
                             fleet::InputError);
    }
    SUBCASE("a file cannot be read") {
        // A dangling symlink: unreadable even to root, who reads any mode.
        std::filesystem::create_directories(dir.path() / "versions");
        const auto broken = dir.path() / "versions/aaa.sql";
        std::filesystem::create_symlink(dir.path() / "gone.sql", broken);
        CHECK_THROWS_WITH_AS(
            ScriptDirectory::load(dir.path()),
            (broken.string() + ": cannot read the file: No such file or directory").c_str(),
            fleet::InputError);
    }
    SUBCASE("a file without read permission cannot be read") {
        const auto locked = dir.write("versions/aaa.sql", sql_revision("aaa"));
        std::filesystem::permissions(locked, std::filesystem::perms::none);
        if (std::ifstream(locked).good()) return; // running as root: every file reads
        CHECK_THROWS_WITH_AS(
            ScriptDirectory::load(dir.path()),
            (locked.string() + ": cannot read the file: Permission denied").c_str(),
            fleet::InputError);
    }
    SUBCASE("two files declare the same revision") {
        const auto first = dir.write("versions/aaa_one.sql", sql_revision("aaa"));
        const auto second = dir.write("versions/aaa_two.yaml", "revision: aaa\nupgrade: []\n");
        CHECK_THROWS_WITH_AS(
            ScriptDirectory::load(dir.path()),
            (second.string() + ": revision 'aaa' is also declared by " + first.string()).c_str(),
            fleet::InputError);
    }
}
