#include "engine/script/revision_writer.hpp"

#include "engine/error.hpp"
#include "engine/script/script_file.hpp"
#include "tests/engine/script/script_test_support.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace fleet::test;
using namespace fleet::engine::script;

namespace {

NewRevision sample(ScriptFormat format) {
    NewRevision revision;
    revision.id = "1a2b3c4d5e6f";
    revision.message = "add review_notes to extractions";
    revision.down_revisions = {"0f9e8d7c6b5a"};
    revision.create_date = "2026-11-21T10:00:00Z";
    revision.format = format;
    return revision;
}

} // namespace

TEST_CASE("A new revision id is 12 random lowercase hex digits") {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        const std::string id = new_revision_id();
        CHECK(id.size() == 12);
        CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        seen.insert(id);
    }
    CHECK(seen.size() == 50);
}

TEST_CASE("A create date is ISO 8601 UTC to the second") {
    const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1795255200));
    CHECK(utc_create_date(when) == "2026-11-21T10:00:00Z");
    CHECK(utc_create_date().size() == 20);
}

TEST_CASE("A slug is Alembic's") {
    SUBCASE("word runs joined by '_' and lowercased") {
        CHECK(revision_slug("Add review_notes to Extractions!") ==
              "add_review_notes_to_extractions");
        CHECK(revision_slug("  fix: the (broken) index -- again  ") ==
              "fix_the_broken_index_again");
        CHECK(revision_slug("v2.1 schema") == "v2_1_schema");
    }
    SUBCASE("empty when the message has no word") {
        CHECK(revision_slug("").empty());
        CHECK(revision_slug("?!").empty());
    }
    SUBCASE("cut at 40 characters back to a word boundary, ending in '_'") {
        // 'add a very long message that goes past forty characters' in Alembic:
        CHECK(revision_slug("add a very long message that goes past forty characters") ==
              "add_a_very_long_message_that_goes_past_");
        CHECK(revision_slug("exactly forty characters of slug text ab") ==
              "exactly_forty_characters_of_slug_text_ab");
        CHECK(revision_slug("supercalifragilisticexpialidocious_and_even_longer_words") ==
              "supercalifragilisticexpialidocious_and_");
        CHECK(revision_slug(std::string(45, 'x')) == std::string(40, 'x') + "_");
    }
    SUBCASE("non-ASCII letters are word characters, counted as one") {
        CHECK(revision_slug("Änderung für Öl — groß") == "änderung_für_öl_groß");
        CHECK(revision_slug("Таблица Заказов") == "таблица_заказов");
        CHECK(revision_slug(std::string(39, 'a') + " é" + " more") == std::string(39, 'a') + "_");
        CHECK(revision_slug(std::string(37, 'a') + " é more") == std::string(37, 'a') + "_é_");
    }
}

TEST_CASE("A new revision's file is named <id>_<slug>.<ext>") {
    CHECK(revision_file_name(sample(ScriptFormat::sql)) ==
          "1a2b3c4d5e6f_add_review_notes_to_extractions.sql");
    CHECK(revision_file_name(sample(ScriptFormat::yaml)) ==
          "1a2b3c4d5e6f_add_review_notes_to_extractions.yaml");
    NewRevision unnamed = sample(ScriptFormat::sql);
    unnamed.message.clear();
    CHECK(revision_file_name(unnamed) == "1a2b3c4d5e6f_.sql");
}

TEST_CASE("A new SQL revision is the documented template") {
    CHECK(render_revision(sample(ScriptFormat::sql)) ==
          "-- revision: 1a2b3c4d5e6f\n"
          "-- down_revision: 0f9e8d7c6b5a\n"
          "-- branch_labels: \n"
          "-- depends_on: \n"
          "-- message: add review_notes to extractions\n"
          "-- create_date: 2026-11-21T10:00:00Z\n"
          "-- transactional: true\n"
          "\n"
          "-- +upgrade\n"
          "-- The statements that apply this revision, each ending with ';'.\n"
          "-- A section '-- +upgrade postgresql' or '-- +upgrade sqlite' replaces\n"
          "-- this one on that dialect.\n"
          "\n"
          "-- +downgrade\n"
          "-- The statements that undo the upgrade. Delete this section if the\n"
          "-- revision cannot be undone: downgrading past it is then refused.\n");
}

TEST_CASE("A new YAML revision is the documented template") {
    CHECK(render_revision(sample(ScriptFormat::yaml)) ==
          "revision: 1a2b3c4d5e6f\n"
          "down_revision: 0f9e8d7c6b5a\n"
          "branch_labels: []\n"
          "depends_on: []\n"
          "message: add review_notes to extractions\n"
          "create_date: 2026-11-21T10:00:00Z\n"
          "transactional: true\n"
          "\n"
          "# The steps that apply this revision; they mirror Alembic's op.*:\n"
          "#   - execute: \"CREATE TABLE notes (id INTEGER PRIMARY KEY)\"\n"
          "#   - execute: {postgresql: \"...\", sqlite: \"...\"}\n"
          "upgrade: []\n"
          "\n"
          "# The steps that undo the upgrade. Delete this key if the revision\n"
          "# cannot be undone: downgrading past it is then refused.\n"
          "downgrade: []\n");
}

TEST_CASE("A written revision loads back as written") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "versions");
    for (ScriptFormat format : {ScriptFormat::sql, ScriptFormat::yaml}) {
        CAPTURE(format_name(format));
        // The message as written, and as it reads back: on one line, trimmed.
        const std::vector<std::pair<std::string, std::string>> messages{
            {"add notes", "add notes"},
            {"", ""},
            {"fix: 'quoted' #hash, \"double\" -- dash", "fix: 'quoted' #hash, \"double\" -- dash"},
            {"yes", "yes"},
            {"null", "null"},
            {"  two\nlines\r\n ", "two lines"},
            {"Änderung für Öl", "Änderung für Öl"},
        };
        for (const auto& [message, read_back] : messages) {
            CAPTURE(message);
            NewRevision revision = sample(format);
            revision.id = new_revision_id();
            revision.message = message;
            revision.down_revisions = {"aaa", "bbb"};
            revision.branch_labels = {"cart", "net-work"};
            revision.depends_on = {"abc123", "release.2"};
            const auto path = write_revision(dir.path(), revision);
            CHECK(path == dir.path() / "versions" / revision_file_name(revision));

            const Script script = load_script_file(path);
            CHECK(script.revision.id == revision.id);
            CHECK(script.revision.message == read_back);
            CHECK(script.revision.down_revisions == Strings{"aaa", "bbb"});
            CHECK(script.revision.branch_labels == Strings{"cart", "net-work"});
            CHECK(script.revision.depends_on == Strings{"abc123", "release.2"});
            CHECK(script.create_date == "2026-11-21T10:00:00Z");
            CHECK(script.transactional);
            CHECK(script.has_downgrade());
            CHECK(script.operations(Direction::upgrade, "sqlite").empty());
            CHECK(script.operations(Direction::downgrade, "sqlite").empty());
        }
    }
    SUBCASE("a root has no down_revision, in either format") {
        for (ScriptFormat format : {ScriptFormat::sql, ScriptFormat::yaml}) {
            NewRevision revision = sample(format);
            revision.id = format == ScriptFormat::sql ? "root_sql" : "root_yaml";
            revision.down_revisions.clear();
            const Script script = load_script_file(write_revision(dir.path(), revision));
            CHECK(script.revision.down_revisions.empty());
        }
    }
    SUBCASE("bodies replace the placeholders") {
        NewRevision sql = sample(ScriptFormat::sql);
        sql.upgrade_body = "CREATE TABLE t (id INT);";
        sql.downgrade_body = "DROP TABLE t;\n";
        const Script from_sql = load_script_file(write_revision(dir.path(), sql));
        CHECK(steps(from_sql.operations(Direction::upgrade, "")) ==
              Steps{{"CREATE TABLE t (id INT)", 10}});
        CHECK(steps(from_sql.operations(Direction::downgrade, "")) == Steps{{"DROP TABLE t", 13}});

        NewRevision yaml = sample(ScriptFormat::yaml);
        yaml.upgrade_body = "  - execute: CREATE TABLE t (id INT)";
        yaml.downgrade_body = "  - execute: DROP TABLE t\n";
        const Script from_yaml = load_script_file(write_revision(dir.path(), yaml));
        CHECK(steps(from_yaml.operations(Direction::upgrade, "")) ==
              Steps{{"CREATE TABLE t (id INT)", 10}});
        CHECK(steps(from_yaml.operations(Direction::downgrade, "")) == Steps{{"DROP TABLE t", 13}});
    }
}

TEST_CASE("A revision may hold one section per dialect, run outside a transaction, or have no "
          "downgrade") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "versions");
    SUBCASE("dialect sections replace the plain one, which is left out when empty") {
        NewRevision sql = sample(ScriptFormat::sql);
        sql.upgrade_by_dialect = {{"postgresql", "CREATE INDEX CONCURRENTLY i ON t (a);"},
                                  {"sqlite", ""}};
        sql.downgrade_by_dialect = {{"postgresql", "DROP INDEX CONCURRENTLY i;"}, {"sqlite", ""}};
        sql.transactional = false;
        const std::string text = render_revision(sql);
        CHECK(text.find("-- transactional: false\n") != std::string::npos);
        CHECK(text.find("-- +upgrade\n") == std::string::npos);
        CHECK(text.find("-- +upgrade postgresql\nCREATE INDEX CONCURRENTLY i ON t (a);\n") !=
              std::string::npos);
        CHECK(text.find("-- +upgrade sqlite\n-- nothing to run on sqlite\n") != std::string::npos);
        const Script script = load_script_file(write_revision(dir.path(), sql));
        CHECK_FALSE(script.transactional);
        CHECK(steps(script.operations(Direction::upgrade, "postgresql")) ==
              Steps{{"CREATE INDEX CONCURRENTLY i ON t (a)", 10}});
        CHECK(script.operations(Direction::upgrade, "sqlite").empty());
        CHECK(steps(script.operations(Direction::downgrade, "postgresql")) ==
              Steps{{"DROP INDEX CONCURRENTLY i", 16}});
    }
    SUBCASE("without a downgrade, in either format, downgrading is refused") {
        for (ScriptFormat format : {ScriptFormat::sql, ScriptFormat::yaml}) {
            NewRevision revision = sample(format);
            revision.id = format == ScriptFormat::sql ? "oneway_sql" : "oneway_yaml";
            revision.has_downgrade = false;
            const Script script = load_script_file(write_revision(dir.path(), revision));
            CHECK_FALSE(script.has_downgrade());
            CHECK(render_revision(revision).find("downgrade") == std::string::npos);
        }
    }
}

TEST_CASE("Writing a revision refuses what it cannot write") {
    TempDir dir;
    SUBCASE("no versions/ folder") {
        CHECK_THROWS_WITH_AS(
            write_revision(dir.path(), sample(ScriptFormat::sql)),
            ("script folder '" + dir.path().string() + "' has no versions/ folder").c_str(),
            fleet::InputError);
    }
    std::filesystem::create_directories(dir.path() / "versions");
    SUBCASE("a file that exists already is never overwritten") {
        const auto path = write_revision(dir.path(), sample(ScriptFormat::sql));
        NewRevision again = sample(ScriptFormat::sql);
        again.down_revisions.clear();
        CHECK_THROWS_WITH_AS(write_revision(dir.path(), again),
                             ("'" + path.string() + "' already exists").c_str(), fleet::UsageError);
        CHECK(load_script_file(path).revision.down_revisions == Strings{"0f9e8d7c6b5a"});
    }
    SUBCASE("a bad --rev-id, label or dependency") {
        NewRevision revision = sample(ScriptFormat::sql);
        revision.id = "not-plain";
        CHECK_THROWS_WITH_AS(write_revision(dir.path(), revision),
                             "revision id 'not-plain' may hold only letters, digits and '_'",
                             fleet::UsageError);
        revision = sample(ScriptFormat::yaml);
        revision.branch_labels = {"a@b"};
        CHECK_THROWS_WITH_AS(
            render_revision(revision),
            "branch label 'a@b' may hold only letters, digits, '_', '.' and '-' (and "
            "start with a letter, digit or '_')",
            fleet::UsageError);
        revision = sample(ScriptFormat::sql);
        revision.depends_on = {"base"};
        CHECK_THROWS_WITH_AS(render_revision(revision),
                             "depends_on entry 'base' is a reserved word", fleet::UsageError);
        revision = sample(ScriptFormat::sql);
        revision.create_date.clear();
        CHECK_THROWS_WITH_AS(render_revision(revision), "a new revision needs a create_date",
                             fleet::UsageError);
        CHECK(std::filesystem::is_empty(dir.path() / "versions"));
    }
}

TEST_CASE("A slug is Alembic's for any script") {
    // Each expected slug is what Alembic 1.8 computes (script/base.py:
    // "_".join(re.findall(r"\w+", message)).lower(), cut at 40), printed by
    // python3 for the message beside it.
    const std::vector<std::pair<std::string, std::string>> alembic{
        {"Änderung für Öl \u2014 groß", "\u00e4nderung_für_öl_groß"},
        {"ΟΔΟΣ ΣΟΦΟΣ", "οδος_σοφος"},
        {"ΣΑΣ_Σ", "σας_σ"},
        {"İstanbul index", "i\u0307stanbul_index"},
        {"注文テーブルを追加", "注文テーブルを追加"},
        {"cafe\u0301 naïve", "cafe_naïve"},
        {"x² + ½ \u2260 Ⅻ", "x²_½_ⅻ"},
        {"emoji \U0001f680 launch", "emoji_launch"},
        {"١٢٣ arabic digits", "١٢٣_arabic_digits"},
        {"ǅungla ﬁx", "ǆungla_ﬁx"},
        {"a\u00b7b", "a_b"},
        {"Ω-ohm µ-micro", "ω_ohm_µ_micro"},
        {"tab\tand\u00a0nbsp", "tab_and_nbsp"},
        {"Straße ẞ", "straße_ß"},
        {"hello\u200bworld", "hello_world"},
        {"ԱՐՄԵՆԻԱ Ⓐ", "արմենիա"},
        {"a _ b", "a___b"},
        {"ⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫⅫ", "ⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻⅻ_"},
    };
    for (const auto& [message, slug] : alembic) {
        CAPTURE(message);
        CHECK(revision_slug(message) == slug);
    }
}
