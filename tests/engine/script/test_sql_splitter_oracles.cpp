// The splitter against the databases' own tokenizers, so it cannot drift
// from them: SQLite's sqlite3_complete() (the statement-completeness
// scanner its shell uses) and PostgreSQL's lexer through libpg_query
// (pg_query_scan for every ';' token, pg_query_split_with_scanner for whole
// statements). Each input is split once per dialect as the splitter is used:
// a section marked sqlite or postgresql follows that database; an unmarked
// one, where both databases agree on the cuts, agrees with them too.

#include "tests/engine/script/sql_oracles.hpp"

#include "engine/script/sql_splitter.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using fleet::engine::script::SqlDialect;
using namespace fleet::testing;

namespace {

// Hand-written inputs: every quoting and comment rule of either database.
const std::vector<std::string> k_tricky = {
    "SELECT 1; SELECT 2;",
    "SELECT 'a;b', 'it''s;'; SELECT 2",
    "SELECT \"a;\"\"b\" FROM t; SELECT 2;",
    "SELECT 1 -- not; the end\n, 2; /* nor ; this */ SELECT 3;",
    "SELECT '--x;', '/*'; SELECT 2;",
    "SELECT 'a\\'; SELECT 2;",
    "SELECT E'a\\';b'; SELECT e'\\\\'; SELECT 3;",
    "SELECT some'a\\'; SELECT 2;",
    "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n"
    "SELECT f();",
    "DO $body$ BEGIN PERFORM '$$;'; END $body$; SELECT 2;",
    "PREPARE p AS SELECT $1; SELECT a$b$ FROM t; SELECT 3;",
    "SELECT $1$$;$$; SELECT 2;",
    "SELECT 1 /* a /* b */ ; */; SELECT 2;",
    "SELECT 1 /* a /* b */ */; SELECT 2;",
    "/*/ x; */ SELECT 1; SELECT 2;",
    "CREATE TABLE [a;b] (`c;d` INT); SELECT 2;",
    "SELECT [it's;] FROM t; SELECT `a``;b`; SELECT 3;",
    "SELECT a[1], ARRAY[1,2][1:2]; SELECT 2;",
    "SELECT data[']']; SELECT 2;",
    "CREATE TRIGGER audit AFTER INSERT ON t\nBEGIN\n  INSERT INTO log VALUES (new.id);\n"
    "  UPDATE n SET c = CASE WHEN c > 0 THEN c + 1 ELSE 1 END;\nEND;\nSELECT 2;",
    "create temp trigger x after delete on t begin delete from u; end; SELECT 2;",
    "CREATE TEMPORARY TRIGGER IF NOT EXISTS x AFTER DELETE ON t BEGIN SELECT 1; END; SELECT 2;",
    "EXPLAIN CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END; SELECT 2;",
    "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f(); SELECT 2;",
    "CREATE OR REPLACE FUNCTION one() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;\n"
    "SELECT one();",
    "BEGIN; SELECT 1; END;",
    "CREATE TABLE t (begin INT, x INT); SELECT 2;",
    "SELECT U&'d\\0061t;a', X'3b', B'1'; SELECT N'x;';",
    "SELECT 'a'\n'b;c'; SELECT 2;",
    ";;  ; SELECT 1;;",
    "SELECT 1; -- trailing; comment",
    "SELECT 'ünï;cödé', \"ïd;\"; SELECT 2;",
    "INSERT INTO t VALUES ('x');\r\nINSERT INTO t VALUES ('y;');\r\n",
    "SELECT 1 +-- comment;\n 2; SELECT 3;",
    "SELECT 1 +/* c; */ 2; SELECT 3;",
    "SELECT 'unterminated; SELECT 2;",
    "SELECT \"unterminated; SELECT 2;",
    "SELECT 1; /* open; SELECT 2;",
    "SELECT [open; SELECT 2;",
    "SELECT `open; SELECT 2;",
    "DO $x$ open; SELECT 2;",
};

// Snippets spliced into the fuzz corpus's files to make more inputs.
const std::vector<std::string> k_snippets = {
    "'a;b'",
    "\"a;b\"",
    "[a;b]",
    "`a;b`",
    "E'a\\';b'",
    "$$ ; $$",
    "$t$ ; $t$",
    "/* ; */",
    "/* /* ; */ */",
    "-- ;\n",
    "$1",
    "a$b",
    ";",
    "(",
    "BEGIN ",
    "END ",
    "CREATE TRIGGER t BEGIN ",
    "CASE ",
    "'",
};

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The fuzz corpus and regression inputs of the SQL format, as they are and
// with each snippet spliced in at every fifth line start.
std::vector<std::string> corpus_inputs() {
    std::vector<std::string> files;
    for (const char* folder : {"corpus/sql_script", "regressions/sql_script"}) {
        const std::filesystem::path dir = std::filesystem::path(FLEET_FUZZ_DIR) / folder;
        REQUIRE(std::filesystem::is_directory(dir));
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            files.push_back(read(entry.path()));
    }
    std::vector<std::string> inputs;
    for (std::string text : files) {
        // sqlite3_complete() reads a C string: a NUL would end it early.
        for (char& c : text)
            if (c == '\0') c = ' ';
        inputs.push_back(text);
        for (const std::string& snippet : k_snippets) {
            int line = 0;
            for (std::size_t at = 0; at < text.size(); at = text.find('\n', at) + 1) {
                if (line++ % 5 == 0)
                    inputs.push_back(text.substr(0, at) + snippet + text.substr(at));
                if (text.find('\n', at) == std::string::npos) break;
            }
        }
    }
    return inputs;
}

// Whether a ';' token of PostgreSQL's lexer sits inside parentheses.
bool semicolon_in_parentheses(const std::string& sql, const PgTokens& tokens) {
    int depth = 0;
    for (const PgToken& token : tokens.tokens) {
        const char c = token.end == token.start + 1 ? sql[token.start] : '\0';
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (c == ';' && depth > 0) return true;
    }
    return false;
}

void check_against_oracles(const std::string& sql) {
    CAPTURE(sql);
    const std::string disagreement = splitter_disagreement(sql);
    CHECK_MESSAGE(disagreement.empty(), disagreement);
}

} // namespace

TEST_CASE("The splitter cuts where SQLite's and PostgreSQL's own tokenizers do") {
    for (const std::string& sql : k_tricky)
        check_against_oracles(sql);
}

TEST_CASE("The splitter agrees with the databases on inputs made from the fuzz corpus") {
    const std::vector<std::string> inputs = corpus_inputs();
    CHECK(inputs.size() > 100);
    for (const std::string& sql : inputs)
        check_against_oracles(sql);
}

TEST_CASE("Whole statements match pg_query_split_with_scanner's") {
    // Its split needs a keyword in each statement, takes no ';' inside
    // parentheses as an end (a syntax error for the server anyway) and knows
    // no BEGIN ATOMIC body: on the inputs that keep to that, both must find
    // the same statements.
    int compared = 0;
    for (const std::string& sql : k_tricky) {
        CAPTURE(sql);
        const std::optional<PgTokens> tokens = pg_scan(sql);
        if (!tokens || tokens->has_begin || semicolon_in_parentheses(sql, *tokens)) continue;
        ++compared;
        const std::optional<Cuts> ours = splitter_cuts(sql, SqlDialect::postgresql);
        REQUIRE(ours.has_value());
        CHECK(non_empty_statements(sql, *ours, *tokens) == pg_split_statements(sql, *tokens));
    }
    CHECK(compared > 20);
}
