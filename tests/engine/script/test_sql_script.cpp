#include "engine/script/script_file.hpp"
#include "engine/script/sha256.hpp"
#include "tests/engine/script/script_test_support.hpp"

#include <doctest/doctest.h>

using namespace fleet::test;
using fleet::engine::script::Direction;
using fleet::engine::script::Script;

namespace {

constexpr std::string_view k_full = R"(-- revision: 1a2b3c4d5e6f
-- down_revision: 0f9e8d7c6b5a
-- branch_labels:
-- depends_on:
-- message: add review_notes to extractions
-- create_date: 2026-11-21T10:00:00Z
-- transactional: true

-- +upgrade
ALTER TABLE extractions ADD COLUMN review_notes VARCHAR(500);

-- +downgrade
ALTER TABLE extractions DROP COLUMN review_notes;
)";

std::string with_header(std::string_view header_lines,
                        std::string_view body = "-- +upgrade\nSELECT 1;\n") {
    return "-- revision: abc123\n" + std::string(header_lines) + "\n" + std::string(body);
}

} // namespace

TEST_CASE("A SQL revision loads its header, its sections and its checksum") {
    TempDir dir;
    const auto path = dir.write("1a2b3c4d5e6f_add_review_notes.sql", k_full);
    const Script script = fleet::engine::script::load_script_file(path);

    CHECK(script.revision.id == "1a2b3c4d5e6f");
    CHECK(script.revision.down_revisions == Strings{"0f9e8d7c6b5a"});
    CHECK(script.revision.branch_labels.empty());
    CHECK(script.revision.depends_on.empty());
    CHECK(script.revision.message == "add review_notes to extractions");
    CHECK(script.revision.source == path.string());
    CHECK(script.create_date == "2026-11-21T10:00:00Z");
    CHECK(script.transactional);
    CHECK(script.path == path.string());
    CHECK(script.format == "sql");
    CHECK(script.checksum() == fleet::engine::script::sha256_hex(k_full));
    CHECK(steps(script.operations(Direction::upgrade, "sqlite")) ==
          Steps{{"ALTER TABLE extractions ADD COLUMN review_notes VARCHAR(500)", 10}});
    CHECK(steps(script.operations(Direction::downgrade, "postgresql")) ==
          Steps{{"ALTER TABLE extractions DROP COLUMN review_notes", 13}});
    CHECK(script.has_downgrade());
}

TEST_CASE("A SQL revision header takes every documented form") {
    TempDir dir;
    SUBCASE("down_revision empty, none, one id or a merge") {
        CHECK(load_text(dir, "a.sql", with_header("-- down_revision:"))
                  .revision.down_revisions.empty());
        CHECK(load_text(dir, "b.sql", with_header("-- down_revision: none"))
                  .revision.down_revisions.empty());
        CHECK(load_text(dir, "c.sql", with_header("-- down_revision: None"))
                  .revision.down_revisions.empty());
        CHECK(load_text(dir, "d.sql", with_header("-- down_revision: ae1027a6acf"))
                  .revision.down_revisions == Strings{"ae1027a6acf"});
        CHECK(load_text(dir, "e.sql", with_header("-- down_revision: aaa, bbb,ccc"))
                  .revision.down_revisions == Strings{"aaa", "bbb", "ccc"});
    }
    SUBCASE("no down_revision at all is a root") {
        CHECK(load_text(dir, "a.sql", with_header("")).revision.down_revisions.empty());
    }
    SUBCASE("branch_labels and depends_on are comma lists") {
        const Script script = load_text(
            dir, "a.sql",
            with_header(
                "-- branch_labels: shoppingcart, net-work\n-- depends_on: abc, 55f1, release.2"));
        CHECK(script.revision.branch_labels == Strings{"shoppingcart", "net-work"});
        CHECK(script.revision.depends_on == Strings{"abc", "55f1", "release.2"});
    }
    SUBCASE("transactional is true unless it says false") {
        CHECK(load_text(dir, "a.sql", with_header("")).transactional);
        CHECK(load_text(dir, "b.sql", with_header("-- transactional: true")).transactional);
        CHECK_FALSE(load_text(dir, "c.sql", with_header("-- transactional: false")).transactional);
        CHECK_FALSE(load_text(dir, "d.sql", with_header("-- transactional: False")).transactional);
    }
    SUBCASE("the message keeps colons and loses outer blanks") {
        CHECK(load_text(dir, "a.sql", with_header("-- message:   fix: the thing  "))
                  .revision.message == "fix: the thing");
    }
    SUBCASE("free comments and blank lines may sit between header keys") {
        const Script script = load_text(dir, "a.sql",
                                        "-- This migration adds notes.\n\n-- revision: abc\n"
                                        "--\n--message: notes\n-- +upgrade\n");
        CHECK(script.revision.id == "abc");
        CHECK(script.revision.message == "notes");
    }
    SUBCASE("a block comment before the first marker is no SQL") {
        CHECK(load_text(dir, "a.sql", "/* licence\n   text */\n-- revision: abc\n-- +upgrade\n")
                  .revision.id == "abc");
    }
    SUBCASE("CRLF line ends and a byte order mark are read as usual") {
        const std::string text =
            "\xEF\xBB\xBF-- revision: abc\r\n-- message: hi\r\n-- +upgrade\r\nSELECT 1;\r\n";
        const Script script = load_text(dir, "a.sql", text);
        CHECK(script.revision.id == "abc");
        CHECK(script.revision.message == "hi");
        CHECK(steps(script.operations(Direction::upgrade, "")) == Steps{{"SELECT 1", 4}});
        CHECK(script.checksum() == fleet::engine::script::sha256_hex(text));
    }
}

TEST_CASE("A SQL revision's sections") {
    TempDir dir;
    SUBCASE("each statement becomes one Execute with its line") {
        const Script script = load_text(dir, "a.sql",
                                        "-- revision: abc\n-- +upgrade\n"
                                        "CREATE TABLE a (id INT);\n"
                                        "-- a note\n"
                                        "INSERT INTO a VALUES (1), (2);\n"
                                        "\n"
                                        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                                        "  DELETE FROM a WHERE id < 0;\n"
                                        "END;\n");
        CHECK(steps(script.operations(Direction::upgrade, "sqlite")) ==
              Steps{{"CREATE TABLE a (id INT)", 3},
                    {"INSERT INTO a VALUES (1), (2)", 5},
                    {"CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  DELETE FROM a WHERE id < 0;\nEND",
                     7}});
    }
    SUBCASE("a dialect's own section replaces the plain one on that dialect") {
        const Script script = load_text(dir, "a.sql",
                                        "-- revision: abc\n"
                                        "-- +upgrade\nSELECT 'plain';\n"
                                        "-- +upgrade postgresql\nSELECT 'pg';\n"
                                        "-- +downgrade sqlite\nSELECT 'lite down';\n"
                                        "-- +downgrade\nSELECT 'plain down';\n");
        CHECK(steps(script.operations(Direction::upgrade, "postgresql")) ==
              Steps{{"SELECT 'pg'", 5}});
        CHECK(steps(script.operations(Direction::upgrade, "sqlite")) ==
              Steps{{"SELECT 'plain'", 3}});
        CHECK(steps(script.operations(Direction::downgrade, "sqlite")) ==
              Steps{{"SELECT 'lite down'", 7}});
        CHECK(steps(script.operations(Direction::downgrade, "postgresql")) ==
              Steps{{"SELECT 'plain down'", 9}});
        CHECK(script.body().upgrade.size() == 2);
        CHECK(script.body().downgrade.size() == 2);
    }
    SUBCASE("markers may be spaced and dialects stand alone") {
        const Script script = load_text(
            dir, "a.sql", "-- revision: abc\n--+upgrade\n  --   +upgrade   sqlite  \nSELECT 1;\n");
        CHECK(script.body().upgrade.at("").empty());
        CHECK(steps(script.body().upgrade.at("sqlite")) == Steps{{"SELECT 1", 4}});
    }
    SUBCASE("without a downgrade section the revision cannot be downgraded") {
        const Script script = load_text(dir, "a.sql", "-- revision: abc\n-- +upgrade\nSELECT 1;\n");
        CHECK_FALSE(script.has_downgrade());
        CHECK(script.operations(Direction::downgrade, "sqlite").empty());
    }
    SUBCASE("an empty or comment-only downgrade section is a downgrade that does nothing") {
        const Script script =
            load_text(dir, "a.sql", "-- revision: abc\n-- +upgrade\n-- +downgrade\n-- nothing\n");
        CHECK(script.has_downgrade());
        CHECK(script.operations(Direction::downgrade, "sqlite").empty());
    }
    SUBCASE("header-like lines inside a section are plain comments") {
        const Script script =
            load_text(dir, "a.sql", "-- revision: abc\n-- +upgrade\n-- note: hi\nSELECT 1;\n");
        CHECK(steps(script.operations(Direction::upgrade, "")) == Steps{{"SELECT 1", 4}});
    }
}

TEST_CASE("A bad SQL revision is rejected with its file and line") {
    SUBCASE("an empty file") {
        CHECK(load_error("a.sql", "") == "a.sql: the file is empty");
        CHECK(load_error("a.sql", " \n\n") == "a.sql: the file is empty");
    }
    SUBCASE("no revision") {
        CHECK(load_error("a.sql", "-- message: hi\n-- +upgrade\nSELECT 1;\n") ==
              "a.sql: no 'revision' in the header");
    }
    SUBCASE("a revision key after the first marker is no header") {
        CHECK(load_error("a.sql", "-- +upgrade\n-- revision: abc\n") ==
              "a.sql: no 'revision' in the header");
    }
    SUBCASE("no upgrade section") {
        CHECK(load_error("a.sql", "-- revision: abc\n") == "a.sql: no '-- +upgrade' section");
        CHECK(load_error("a.sql", "-- revision: abc\n-- +downgrade\nSELECT 1;\n") ==
              "a.sql: no '-- +upgrade' section");
    }
    SUBCASE("an unknown header key") {
        CHECK(load_error("a.sql", "-- revision: abc\n-- revison: abd\n-- +upgrade\n") ==
              "a.sql:2: unknown header key 'revison' (expected revision, down_revision, "
              "branch_labels, depends_on, message, create_date or transactional)");
    }
    SUBCASE("a header key given twice") {
        CHECK(load_error("a.sql", "-- revision: abc\n\n-- revision: abd\n-- +upgrade\n") ==
              "a.sql:3: header key 'revision' appears twice (first on line 1)");
    }
    SUBCASE("a bad transactional value") {
        CHECK(load_error("a.sql", with_header("-- transactional: maybe")) ==
              "a.sql:2: 'transactional' must be true or false, not 'maybe'");
        CHECK(load_error("a.sql", with_header("-- transactional:")) ==
              "a.sql:2: 'transactional' must be true or false, not ''");
    }
    SUBCASE("a revision id that is not a plain token") {
        CHECK(load_error("a.sql", "-- revision: abc-1\n-- +upgrade\n") ==
              "a.sql:1: revision id 'abc-1' may hold only letters, digits and '_'");
        CHECK(load_error("a.sql", "-- revision:\n-- +upgrade\n") ==
              "a.sql:1: a revision id is empty");
        CHECK(load_error("a.sql", "-- revision: head\n-- +upgrade\n") ==
              "a.sql:1: revision id 'head' is a reserved word");
        CHECK(load_error("a.sql", "-- revision: " + std::string(33, 'a') + "\n-- +upgrade\n") ==
              "a.sql:1: revision id '" + std::string(33, 'a') +
                  "' is longer than 32 characters, the width of alembic_version.version_num");
    }
    SUBCASE("a bad down_revision") {
        CHECK(load_error("a.sql", with_header("-- down_revision: abc, de@f")) ==
              "a.sql:2: revision id 'de@f' may hold only letters, digits and '_'");
        CHECK(load_error("a.sql", with_header("-- down_revision: abc,,def")) ==
              "a.sql:2: a revision id is empty");
    }
    SUBCASE("a bad branch label or depends_on entry") {
        CHECK(load_error("a.sql", with_header("-- branch_labels: a b")) ==
              "a.sql:2: branch label 'a b' may hold only letters, digits, '_', '.' and '-' (and "
              "start with a letter, digit or '_')");
        CHECK(load_error("a.sql", with_header("-- depends_on: x@head")) ==
              "a.sql:2: depends_on entry 'x@head' may hold only letters, digits, '_', '.' and '-' "
              "(and start with a letter, digit or '_')");
        CHECK(load_error("a.sql", with_header("-- branch_labels: heads")) ==
              "a.sql:2: branch label 'heads' is a reserved word");
    }
    SUBCASE("SQL outside any section") {
        CHECK(load_error("a.sql", "-- revision: abc\n\nCREATE TABLE t (id INT);\n-- +upgrade\n") ==
              "a.sql:3: SQL outside any section: put it under '-- +upgrade' or '-- +downgrade'");
        CHECK(load_error("a.sql", "-- revision: abc\nSELECT 1; -- revision: x\n-- +upgrade\n") ==
              "a.sql:2: SQL outside any section: put it under '-- +upgrade' or '-- +downgrade'");
    }
    SUBCASE("an unknown section marker") {
        CHECK(load_error("a.sql", "-- revision: abc\n-- +upgrade\n-- +migrate\n") ==
              "a.sql:3: unknown section marker '-- +migrate' (expected '-- +upgrade' or "
              "'-- +downgrade', optionally followed by a dialect)");
        CHECK(load_error("a.sql", "-- revision: abc\n-- +upgrade sqlite now\n") ==
              "a.sql:2: unknown section marker '-- +upgrade sqlite now' (expected '-- +upgrade' "
              "or '-- +downgrade', optionally followed by a dialect)");
    }
    SUBCASE("an unknown dialect") {
        CHECK(load_error("a.sql", "-- revision: abc\n-- +upgrade mysql\n") ==
              "a.sql:2: unknown dialect 'mysql' in '-- +upgrade mysql' (expected postgresql or "
              "sqlite)");
    }
    SUBCASE("a section given twice") {
        CHECK(load_error(
                  "a.sql",
                  "-- revision: abc\n-- +upgrade sqlite\n-- +upgrade\n-- +upgrade  sqlite\n") ==
              "a.sql:4: section '-- +upgrade  sqlite' appears twice (first on line 2)");
    }
    SUBCASE("an unterminated string in a section") {
        CHECK(load_error("a.sql", "-- revision: abc\n-- +upgrade\nSELECT 1;\nSELECT 'oops;\n") ==
              "a.sql:4: unterminated string literal");
    }
}
