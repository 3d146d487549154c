#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_connection.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

using fleet::engine::runtime::Row;
using fleet::engine::runtime::Rows;
using fleet::engine::url::DatabaseUrl;
using fleet::plugins::ConnectOptions;
using fleet::plugins::sqlite::SqliteConnection;
using fleet::test::TempDir;

namespace {

DatabaseUrl file_url(const std::string& path, const std::string& query = {}) {
    return DatabaseUrl::parse("sqlite:///" + path + query);
}

// The first value of the first row.
std::string scalar(SqliteConnection& connection, const std::string& sql) {
    Rows rows = connection.query(sql);
    REQUIRE(rows.size() >= 1);
    REQUIRE(rows[0].size() >= 1);
    REQUIRE(rows[0][0].has_value());
    return *rows[0][0];
}

} // namespace

TEST_CASE("a SQLite connection opens a file, creating it, and runs statements") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SqliteConnection connection(file_url(path), {});
    CHECK(std::filesystem::exists(path));
    CHECK(connection.path() == path);
    CHECK(connection.display_url() == "sqlite:///" + path);
    CHECK(connection.dialect().name() == "sqlite");

    SUBCASE("execute counts the rows an INSERT, UPDATE or DELETE changed, 0 for DDL") {
        CHECK(connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)") == 0);
        CHECK(connection.execute("INSERT INTO t (name) VALUES ('a'), ('b'), ('c')") == 3);
        CHECK(connection.execute("CREATE INDEX ix_t_name ON t (name)") == 0);
        CHECK(connection.execute("UPDATE t SET name = 'z' WHERE id > 1") == 2);
        CHECK(connection.execute("UPDATE t SET name = 'z' WHERE id > 100") == 0);
        CHECK(connection.execute("DELETE FROM t") == 3);
    }
    SUBCASE("query returns text rows with NULL as nullopt") {
        Rows rows = connection.query("SELECT 1, 'x', NULL, 2.5");
        REQUIRE(rows.size() == 1);
        CHECK(rows[0] == Row{"1", "x", std::nullopt, "2.5"});
        CHECK(connection.query("SELECT 1 WHERE 0").empty());
    }
    SUBCASE("several statements in one call all run") {
        connection.execute("CREATE TABLE a (x INT); CREATE TABLE b (y INT); -- done\n");
        CHECK(connection.table_exists("", "a"));
        CHECK(connection.table_exists("", "b"));
        Rows rows = connection.query("INSERT INTO a VALUES (1); SELECT x FROM a");
        CHECK(rows == Rows{Row{"1"}});
    }
    SUBCASE("the data outlives the connection") {
        connection.execute("CREATE TABLE kept (x INT)");
        connection.execute("INSERT INTO kept VALUES (42)");
        SqliteConnection again(file_url(path), {});
        CHECK(scalar(again, "SELECT x FROM kept") == "42");
    }
}

TEST_CASE("DDL inside a SQLite transaction rolls back") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SqliteConnection connection(file_url(path), {});
    connection.execute("CREATE TABLE existing (id INTEGER)");

    SUBCASE("CREATE TABLE, ALTER TABLE and an INSERT all vanish on rollback") {
        connection.begin();
        CHECK(connection.in_transaction());
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)");
        connection.execute("ALTER TABLE existing ADD COLUMN note TEXT");
        connection.execute("INSERT INTO existing (id) VALUES (1)");
        CHECK(connection.table_exists("", "accounts"));
        connection.rollback();
        CHECK_FALSE(connection.in_transaction());
        CHECK_FALSE(connection.table_exists("", "accounts"));
        CHECK(connection.query("SELECT * FROM existing").empty());
        CHECK(connection.query("SELECT name FROM pragma_table_info('existing')") ==
              Rows{Row{"id"}});
    }
    SUBCASE("committed DDL is seen by another connection") {
        connection.begin();
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)");
        connection.commit();
        SqliteConnection other(file_url(path), {});
        CHECK(other.table_exists("", "accounts"));
    }
    SUBCASE("a failed statement leaves the transaction open for rollback") {
        connection.begin();
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)");
        CHECK_THROWS_AS(connection.execute("CREATE TABLE accounts (id INTEGER)"),
                        fleet::DatabaseError);
        CHECK(connection.in_transaction());
        connection.rollback();
        CHECK_FALSE(connection.table_exists("", "accounts"));
    }
}

TEST_CASE("a COMMIT SQLite refuses rolls the transaction back and says it was the COMMIT") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SqliteConnection connection(file_url(path), {});
    // A deferred foreign key is checked only at COMMIT, which SQLite then
    // refuses leaving the transaction open, as it does on a full disk.
    connection.execute("PRAGMA foreign_keys = ON");
    connection.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY); "
                       "CREATE TABLE child (parent_id INTEGER "
                       "REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
    connection.begin();
    connection.execute("CREATE TABLE made_inside (id INTEGER)");
    connection.execute("INSERT INTO child (parent_id) VALUES (1)");

    std::string message;
    try {
        connection.commit();
    } catch (const fleet::DatabaseError& error) {
        message = error.what();
    }
    CHECK(message == "COMMIT failed, so the transaction was rolled back: "
                     "FOREIGN KEY constraint failed");
    CHECK_FALSE(connection.in_transaction());
    CHECK_FALSE(connection.table_exists("", "made_inside"));
    CHECK(scalar(connection, "SELECT count(*) FROM child") == "0");
    // Nothing holds the file: another connection writes at once.
    SqliteConnection other(file_url(path, "?timeout=0.2"), {});
    other.begin();
    other.execute("INSERT INTO parent (id) VALUES (1)");
    other.commit();
    CHECK(scalar(connection, "SELECT count(*) FROM parent") == "1");
}

TEST_CASE("SQLite transaction control refuses what makes no sense") {
    SqliteConnection connection(DatabaseUrl::parse("sqlite://"), {});
    SUBCASE("begin inside a transaction throws") {
        connection.begin();
        CHECK_THROWS_AS(connection.begin(), fleet::DatabaseError);
        connection.rollback();
    }
    SUBCASE("commit without a transaction throws") {
        CHECK_THROWS_AS(connection.commit(), fleet::DatabaseError);
    }
    SUBCASE("rollback without a transaction does nothing") {
        CHECK_NOTHROW(connection.rollback());
        CHECK_FALSE(connection.in_transaction());
    }
}

TEST_CASE("SQLite errors become DatabaseErrors with SQLite's own words") {
    SqliteConnection connection(DatabaseUrl::parse("sqlite:///:memory:"), {});
    SUBCASE("bad SQL") {
        try {
            connection.execute("SELEC 1");
            FAIL("no error");
        } catch (const fleet::DatabaseError& e) {
            CHECK(std::string(e.what()).find("syntax error") != std::string::npos);
            CHECK(e.sqlstate().empty());
            CHECK(e.exit_code() == fleet::ExitCode::failed);
        }
    }
    SUBCASE("a missing table, from query") {
        try {
            connection.query("SELECT * FROM nope");
            FAIL("no error");
        } catch (const fleet::DatabaseError& e) {
            CHECK(std::string(e.what()) == "no such table: nope");
        }
    }
    SUBCASE("a constraint failing while stepping") {
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        connection.execute("INSERT INTO t VALUES (1)");
        try {
            connection.execute("INSERT INTO t VALUES (1)");
            FAIL("no error");
        } catch (const fleet::DatabaseError& e) {
            CHECK(std::string(e.what()).find("UNIQUE constraint failed: t.id") !=
                  std::string::npos);
        }
    }
    SUBCASE("the statements before a failing one in the same call have run") {
        connection.execute("CREATE TABLE t (id INTEGER)");
        CHECK_THROWS_AS(connection.execute("INSERT INTO t VALUES (1); INSERT INTO nope VALUES (2)"),
                        fleet::DatabaseError);
        CHECK(scalar(connection, "SELECT count(*) FROM t") == "1");
    }
}

TEST_CASE("a SQLite file that cannot be opened is a connection error naming the path") {
    TempDir dir;
    SUBCASE("a missing folder is not created") {
        std::string path = dir.file("missing/sub/app.db");
        try {
            SqliteConnection connection(file_url(path), {});
            FAIL("no error");
        } catch (const fleet::ConnectionError& e) {
            std::string message = e.what();
            CHECK(message.find("cannot connect to sqlite:///" + path) == 0);
            CHECK(message.find("folder " + dir.file("missing/sub") + " does not exist") !=
                  std::string::npos);
        }
        CHECK_FALSE(std::filesystem::exists(dir.file("missing")));
    }
    SUBCASE("a relative path in a missing folder names the folder in full") {
        std::string cwd = std::filesystem::current_path().string();
        try {
            SqliteConnection connection(DatabaseUrl::parse("sqlite:///no-such-folder-xyz/app.db"),
                                        {});
            FAIL("no error");
        } catch (const fleet::ConnectionError& e) {
            CHECK(std::string(e.what()).find(cwd + "/no-such-folder-xyz") != std::string::npos);
        }
    }
    SUBCASE("a file that is not a database") {
        std::string path = dir.file("notes.db");
        std::ofstream(path) << "these are not the tables you are looking for, not at all, no"
                            << std::string(200, 'x');
        try {
            SqliteConnection connection(file_url(path), {});
            FAIL("no error");
        } catch (const fleet::ConnectionError& e) {
            std::string message = e.what();
            CHECK(message.find(path) != std::string::npos);
            CHECK(message.find("not a database") != std::string::npos);
        }
    }
    SUBCASE("a folder where the file should be") {
        std::filesystem::create_directory(dir.file("folder.db"));
        CHECK_THROWS_AS(SqliteConnection(file_url(dir.file("folder.db")), {}),
                        fleet::ConnectionError);
    }
}

TEST_CASE("a read-only SQLite connection creates nothing and writes nothing") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SUBCASE("a missing file is an error, not a new file") {
        ConnectOptions options;
        options.read_only = true;
        CHECK_THROWS_AS(SqliteConnection(file_url(path), options), fleet::ConnectionError);
        CHECK_THROWS_AS(SqliteConnection(file_url(path, "?mode=ro"), {}), fleet::ConnectionError);
        CHECK_FALSE(std::filesystem::exists(path));
    }
    SUBCASE("an existing file can be read but not written") {
        {
            SqliteConnection writer(file_url(path), {});
            writer.execute("CREATE TABLE t (x INT)");
        }
        ConnectOptions options;
        options.read_only = true;
        SqliteConnection reader(file_url(path), options);
        CHECK(reader.table_exists("", "t"));
        reader.begin();
        reader.rollback();
        CHECK_THROWS_AS(reader.execute("CREATE TABLE u (x INT)"), fleet::DatabaseError);
    }
}

TEST_CASE("SQLite connection options that cannot apply are usage errors") {
    SUBCASE("a schema") {
        ConnectOptions options;
        options.schema = "t_acme";
        CHECK_THROWS_AS(SqliteConnection(DatabaseUrl::parse("sqlite://"), options),
                        fleet::UsageError);
    }
    SUBCASE("a bad mode or timeout") {
        CHECK_THROWS_AS(SqliteConnection(DatabaseUrl::parse("sqlite:///:memory:?mode=rx"), {}),
                        fleet::UsageError);
        CHECK_THROWS_AS(SqliteConnection(DatabaseUrl::parse("sqlite:///:memory:?timeout=soon"), {}),
                        fleet::UsageError);
    }
    SUBCASE("a URL of another database") {
        CHECK_THROWS_AS(SqliteConnection(DatabaseUrl::parse("postgresql://h/db"), {}),
                        fleet::UsageError);
    }
}

TEST_CASE("table_exists looks in the main database, or in an attached one") {
    TempDir dir;
    SqliteConnection connection(file_url(dir.file("app.db")), {});
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
    connection.execute("CREATE VIEW v AS SELECT 1");
    CHECK(connection.table_exists("", "alembic_version"));
    CHECK(connection.table_exists("", "ALEMBIC_VERSION")); // SQLite names ignore ASCII case
    CHECK_FALSE(connection.table_exists("", "v"));         // a view is not a table
    CHECK_FALSE(connection.table_exists("", "nope"));
    CHECK_FALSE(connection.table_exists("", "it's"));
    connection.execute("ATTACH DATABASE '" + dir.file("aux.db") + "' AS aux");
    connection.execute("CREATE TABLE aux.other (x INT)");
    CHECK(connection.table_exists("aux", "other"));
    CHECK_FALSE(connection.table_exists("", "other"));
    CHECK_FALSE(connection.table_exists("aux", "alembic_version"));
    CHECK_FALSE(connection.table_exists("not_attached", "other"));
}

TEST_CASE("a second SQLite writer waits for the busy timeout, then fails") {
    TempDir dir;
    std::string path = dir.file("app.db");
    SqliteConnection first(file_url(path), {});
    SqliteConnection second(file_url(path, "?timeout=0.2"), {});
    first.begin();
    auto started = std::chrono::steady_clock::now();
    try {
        second.begin();
        FAIL("no error");
    } catch (const fleet::DatabaseError& e) {
        CHECK(std::string(e.what()) == "database is locked");
    }
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(150));
    CHECK_FALSE(second.in_transaction());
    first.commit();
    second.begin();
    second.commit();
}

TEST_CASE(
    "cancel() from another thread interrupts a running SQLite statement, and every later one") {
    SqliteConnection connection(DatabaseUrl::parse("sqlite://"), {});
    connection.begin();
    connection.execute("CREATE TABLE kept_out (id INTEGER)");
    std::thread canceller([&connection] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        connection.cancel();
    });
    try {
        connection.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                         "SELECT count(*) FROM n");
        FAIL("no error");
    } catch (const fleet::DatabaseError& e) {
        CHECK(std::string(e.what()) == "interrupted");
    }
    canceller.join();
    // Nothing new starts after a cancel; the rollback still runs.
    CHECK_THROWS_WITH_AS(connection.query("SELECT 1"),
                         "sqlite:///:memory:: cancelled (a stop was requested)",
                         fleet::DatabaseError);
    CHECK(connection.in_transaction());
    connection.rollback();
    CHECK_FALSE(connection.in_transaction());
}

TEST_CASE("a SQLite connection's capabilities follow the library's version") {
    fleet::test::TempDir dir;
    SqliteConnection connection(file_url(dir.file("caps.db")), {});
    // The version as SQL reports it: "3.40.1" -> 3040001.
    const auto text = scalar(connection, "SELECT sqlite_version()");
    int major = 0, minor = 0, patch = 0;
    REQUIRE(std::sscanf(text.c_str(), "%d.%d.%d", &major, &minor, &patch) >= 2);
    const int version = major * 1000000 + minor * 1000 + patch;
    const auto& capabilities = connection.capabilities();
    CHECK(capabilities.rename_column == (version >= 3025000));
    CHECK(capabilities.drop_column == (version >= 3035000));
    CHECK(capabilities.transactional_ddl == connection.dialect().capabilities().transactional_ddl);
}
