#include "engine/script/sql_splitter.hpp"

#include "engine/error.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using fleet::engine::script::split_sql;
using fleet::engine::script::SqlDialect;
using fleet::engine::script::SqlStatement;

namespace {

std::vector<std::string> texts(std::string_view sql, SqlDialect dialect = SqlDialect::any) {
    std::vector<std::string> out;
    for (const SqlStatement& statement : split_sql(sql, "f.sql", 1, dialect))
        out.push_back(statement.text);
    return out;
}

std::string error_of(std::string_view sql, int first_line = 1) {
    try {
        split_sql(sql, "f.sql", first_line);
    } catch (const fleet::InputError& error) {
        return error.what();
    }
    return "(no error)";
}

using Texts = std::vector<std::string>;

} // namespace

TEST_CASE("The SQL splitter cuts statements at semicolons") {
    SUBCASE("statements are trimmed and lose their ';'") {
        CHECK(texts("  SELECT 1;\n\n  SELECT 2 ;  ") == Texts{"SELECT 1", "SELECT 2"});
    }
    SUBCASE("the last statement needs no ';'") {
        CHECK(texts("SELECT 1;\nSELECT 2") == Texts{"SELECT 1", "SELECT 2"});
    }
    SUBCASE("a statement keeps its inner lines and comments") {
        CHECK(texts("CREATE TABLE t (\n  id INT, -- the key\n  /* later */ x INT\n);") ==
              Texts{"CREATE TABLE t (\n  id INT, -- the key\n  /* later */ x INT\n)"});
    }
    SUBCASE("empty statements are dropped") {
        CHECK(texts(";;\n ; SELECT 1;;") == Texts{"SELECT 1"});
        CHECK(texts("").empty());
        CHECK(texts(" \n\t ").empty());
    }
    SUBCASE("comment-only fragments are dropped") {
        CHECK(texts("-- nothing here\n/* nor here */\n").empty());
        CHECK(texts("SELECT 1; -- done\n/* the end */") == Texts{"SELECT 1"});
    }
    SUBCASE("leading and trailing comments are not part of a statement") {
        CHECK(texts("-- add a column\nALTER TABLE t ADD x INT -- why\n;") ==
              Texts{"ALTER TABLE t ADD x INT"});
    }
}

TEST_CASE("The SQL splitter leaves quoted semicolons alone") {
    SUBCASE("in strings, with '' escapes") {
        CHECK(texts("INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT 2") ==
              Texts{"INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT 2"});
    }
    SUBCASE("in quoted identifiers, with \"\" escapes") {
        CHECK(texts("SELECT \"a;\"\"b\" FROM t; SELECT 2") ==
              Texts{"SELECT \"a;\"\"b\" FROM t", "SELECT 2"});
    }
    SUBCASE("in line and block comments") {
        CHECK(texts("SELECT 1 -- not; the end\n, 2; /* nor ; this */ SELECT 3") ==
              Texts{"SELECT 1 -- not; the end\n, 2", "SELECT 3"});
    }
    SUBCASE("comment markers inside strings are text") {
        CHECK(texts("SELECT '--x;', '/*'; SELECT 2") == Texts{"SELECT '--x;', '/*'", "SELECT 2"});
    }
    SUBCASE("in E'' strings, where a backslash escapes a quote") {
        CHECK(texts("SELECT E'a\\';b'; SELECT e'\\\\'; SELECT 3") ==
              Texts{"SELECT E'a\\';b'", "SELECT e'\\\\'", "SELECT 3"});
    }
    SUBCASE("a backslash in a standard string escapes nothing") {
        CHECK(texts("SELECT 'a\\'; SELECT 2") == Texts{"SELECT 'a\\'", "SELECT 2"});
    }
    SUBCASE("a word ending in e before a quote is no E'' string") {
        CHECK(texts("SELECT some'a\\'; SELECT 2") == Texts{"SELECT some'a\\'", "SELECT 2"});
    }
    SUBCASE("in $$ dollar quotes") {
        const std::string body = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n"
                                 "$$ LANGUAGE plpgsql";
        CHECK(texts(body + ";\nSELECT f();") == Texts{body, "SELECT f()"});
    }
    SUBCASE("in tagged dollar quotes, which may hold $$") {
        const std::string body = "DO $body$ BEGIN PERFORM '$$;'; END $body$";
        CHECK(texts(body + "; SELECT 2") == Texts{body, "SELECT 2"});
    }
    SUBCASE("but not at a $1 parameter or a $ inside an identifier") {
        CHECK(texts("PREPARE p AS SELECT $1; SELECT a$b$ FROM t; SELECT 3") ==
              Texts{"PREPARE p AS SELECT $1", "SELECT a$b$ FROM t", "SELECT 3"});
    }
}

TEST_CASE("The SQL splitter leaves semicolons in SQLite's [..] and `..` identifiers alone") {
    for (SqlDialect dialect : {SqlDialect::any, SqlDialect::sqlite}) {
        CAPTURE(static_cast<int>(dialect));
        CHECK(texts("CREATE TABLE [a;b] (`c;d` INT); SELECT 2", dialect) ==
              Texts{"CREATE TABLE [a;b] (`c;d` INT)", "SELECT 2"});
        // A quote inside brackets opens no string; a doubled backtick stays inside.
        CHECK(texts("SELECT [it's;] FROM t; SELECT `a``;b`; SELECT 3", dialect) ==
              Texts{"SELECT [it's;] FROM t", "SELECT `a``;b`", "SELECT 3"});
    }
    SUBCASE("PostgreSQL subscripts and arrays still split where they end") {
        CHECK(texts("SELECT a[1], ARRAY[1,2][1:2]; SELECT 2") ==
              Texts{"SELECT a[1], ARRAY[1,2][1:2]", "SELECT 2"});
    }
    SUBCASE("an unclosed one is an error at its line") {
        CHECK(error_of("SELECT 1;\nSELECT [a;\n") == "f.sql:2: unterminated [identifier]");
        CHECK(error_of("\nSELECT `a;\n") == "f.sql:2: unterminated `identifier`");
    }
}

TEST_CASE("A section marked for one dialect follows that database's tokenizer") {
    SUBCASE("postgresql: brackets and backticks quote nothing") {
        CHECK(texts("SELECT data[']']; SELECT 2", SqlDialect::postgresql) ==
              Texts{"SELECT data[']']", "SELECT 2"});
    }
    SUBCASE("postgresql: block comments nest") {
        CHECK(texts("SELECT 1 /* a /* b */ ; */; SELECT 2", SqlDialect::postgresql) ==
              Texts{"SELECT 1", "SELECT 2"});
        CHECK(texts("SELECT 1 /* a /* b */ ; */; SELECT 2") == Texts{"SELECT 1", "*/", "SELECT 2"});
    }
    SUBCASE("postgresql: a line comment ends at a carriage return too") {
        CHECK(texts("SELECT 1 -- c\r; SELECT 2", SqlDialect::postgresql) ==
              Texts{"SELECT 1", "SELECT 2"});
        // In SQLite the rest of the line is the comment: one statement.
        CHECK(texts("SELECT 1 -- c\r; SELECT 2", SqlDialect::sqlite) == Texts{"SELECT 1"});
    }
    SUBCASE("postgresql: a $n parameter ends before a dollar quote") {
        CHECK(texts("SELECT $1$$;$$; SELECT 2", SqlDialect::postgresql) ==
              Texts{"SELECT $1$$;$$", "SELECT 2"});
    }
    SUBCASE("sqlite: E'' strings and $$ are not quotes") {
        CHECK(texts("SELECT E'a\\'; SELECT $$; SELECT 3; $$", SqlDialect::sqlite) ==
              Texts{"SELECT E'a\\'", "SELECT $$", "SELECT 3", "$$"});
    }
    SUBCASE("sqlite: a trigger ends at the ';' after END, as sqlite3_complete() says") {
        const std::string trigger = "CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN\n"
                                    "  SELECT CASE WHEN 1 THEN 2 END;\n"
                                    "  INSERT INTO [log;] VALUES (1);\nEND";
        CHECK(texts(trigger + "; SELECT 3", SqlDialect::sqlite) == Texts{trigger, "SELECT 3"});
        CHECK(texts("EXPLAIN CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END; SELECT 2",
                    SqlDialect::sqlite) ==
              Texts{"EXPLAIN CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END", "SELECT 2"});
    }
    SUBCASE("sqlite: a vertical tab is no white space, so \\v before END ends no trigger") {
        // sqlite3_complete() skips only ' ', \t, \n, \f and \r (a fuzzing finding).
        CHECK(texts("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;\vEND; SELECT 2",
                    SqlDialect::sqlite) ==
              Texts{"CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;\vEND; SELECT 2"});
        CHECK(texts("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;\fEND; SELECT 2",
                    SqlDialect::sqlite) ==
              Texts{"CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;\fEND", "SELECT 2"});
    }
}

TEST_CASE("The SQL splitter keeps a BEGIN ... END body in one statement") {
    SUBCASE("a SQLite trigger") {
        const std::string trigger = "CREATE TRIGGER audit AFTER INSERT ON t\nBEGIN\n"
                                    "  INSERT INTO log VALUES (new.id);\n"
                                    "  UPDATE n SET c = CASE WHEN c > 0 THEN c + 1 ELSE 1 END;\n"
                                    "END";
        CHECK(texts(trigger + ";\nSELECT 2;") == Texts{trigger, "SELECT 2"});
    }
    SUBCASE("a temporary trigger") {
        const std::string trigger =
            "create temp trigger x after delete on t begin delete from u; end";
        CHECK(texts(trigger + "; SELECT 2") == Texts{trigger, "SELECT 2"});
    }
    SUBCASE("a PostgreSQL BEGIN ATOMIC function") {
        const std::string function = "CREATE OR REPLACE FUNCTION one() RETURNS int LANGUAGE sql\n"
                                     "BEGIN ATOMIC\n  SELECT 1;\nEND";
        CHECK(texts(function + ";\nSELECT one();") == Texts{function, "SELECT one()"});
    }
    SUBCASE("a PostgreSQL trigger without a body ends at its ';'") {
        CHECK(texts("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f(); "
                    "SELECT 2") ==
              Texts{"CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()",
                    "SELECT 2"});
    }
    SUBCASE("a transaction's BEGIN opens no body") {
        CHECK(texts("BEGIN; SELECT 1; END;") == Texts{"BEGIN", "SELECT 1", "END"});
    }
    SUBCASE("a column called begin in CREATE TABLE opens no body") {
        CHECK(texts("CREATE TABLE t (begin INT, x INT); SELECT 2") ==
              Texts{"CREATE TABLE t (begin INT, x INT)", "SELECT 2"});
    }
}

TEST_CASE("The SQL splitter records the line each statement starts on") {
    const std::vector<SqlStatement> statements = split_sql(
        "\n-- intro\nSELECT 1;\n\nSELECT\n  'two\nlines';  SELECT 3;\n/* a\nb */ SELECT 4", "f.sql",
        10);
    REQUIRE(statements.size() == 4);
    CHECK(statements[0] == SqlStatement{"SELECT 1", 12});
    CHECK(statements[1] == SqlStatement{"SELECT\n  'two\nlines'", 14});
    CHECK(statements[2] == SqlStatement{"SELECT 3", 16});
    CHECK(statements[3] == SqlStatement{"SELECT 4", 18});
}

TEST_CASE("The SQL splitter rejects what never closes, at the line it opens") {
    CHECK(error_of("SELECT 1;\nSELECT 'abc;\n\n") == "f.sql:2: unterminated string literal");
    CHECK(error_of("SELECT E'abc\\'", 5) == "f.sql:5: unterminated string literal");
    CHECK(error_of("\nSELECT \"abc") == "f.sql:2: unterminated quoted identifier");
    CHECK(error_of("SELECT 1;\n/* open\n\n") == "f.sql:2: unterminated /* comment");
    CHECK(error_of("\n\nDO $fn$ BEGIN END $$;") ==
          "f.sql:3: unterminated dollar-quoted string (no closing $fn$)");
}
