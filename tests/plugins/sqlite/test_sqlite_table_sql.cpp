#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_table_sql.hpp"
#include "tests/plugins/sqlite/sqlite_rebuild_fixture.hpp"

#include <doctest/doctest.h>

using namespace fleet::plugins::sqlite;

namespace {

const char* k_everything = R"sql(CREATE TABLE IF NOT EXISTS "Order Lines" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    [sku] VARCHAR ( 20 ) NOT NULL COLLATE NOCASE CONSTRAINT uq_sku UNIQUE ON CONFLICT ABORT,
    `qty` NUMERIC(10, 2) DEFAULT -1 CHECK (qty <> 0), -- a comment, with a comma
    note TEXT DEFAULT 'it''s, (fine)' /* and ( a block */,
    owner_id INTEGER CONSTRAINT fk_owner REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    total REAL GENERATED ALWAYS AS (qty * 2.5e+1) STORED,
    half AS (qty / 2),
    made TEXT DEFAULT CURRENT_TIMESTAMP NULL,
    CONSTRAINT "ck ""named""" CHECK (length(sku) > 1 AND note <> ')'),
    UNIQUE (sku, owner_id),
    CHECK (qty < 100),
    FOREIGN KEY (owner_id, sku) REFERENCES owners (id, sku) ON DELETE CASCADE
) WITHOUT ROWID, STRICT)sql";

} // namespace

TEST_CASE("The tokenizer keeps quoted text whole and drops comments") {
    const auto tokens =
        tokenize_sql("a 'x -- y' \"b \"\"c\"\"\" [d e] `f` -- g\n x'00' /* h */ 1.5e-3 (");
    REQUIRE(tokens.size() == 8);
    CHECK(tokens[1].kind == SqlToken::Kind::string);
    CHECK(tokens[1].value == "'x -- y'");
    CHECK(tokens[2].kind == SqlToken::Kind::identifier);
    CHECK(tokens[2].value == "b \"c\"");
    CHECK(tokens[3].value == "d e");
    CHECK(tokens[4].value == "f");
    CHECK(tokens[5].kind == SqlToken::Kind::string);
    CHECK(tokens[6].value == "1.5e-3");
    CHECK(tokens[7].is_punct('('));
    CHECK_THROWS_AS(tokenize_sql("'open"), fleet::InputError);
    CHECK_THROWS_AS(tokenize_sql("a /* open"), fleet::InputError);
}

TEST_CASE("A CREATE TABLE is read into columns, clauses, table constraints and options") {
    const auto table = parse_create_table(k_everything);
    CHECK(table.name == "Order Lines");
    CHECK(table.name_sql == "\"Order Lines\"");
    CHECK(table.without_rowid);
    CHECK(table.strict);
    CHECK(table.options == "WITHOUT ROWID, STRICT");
    REQUIRE(table.columns.size() == 8);

    const auto& id = table.columns[0];
    CHECK(id.type == "INTEGER");
    REQUIRE(id.constraints.size() == 1);
    CHECK(id.constraints[0].kind == ClauseKind::primary_key);
    CHECK(id.constraints[0].autoincrement);
    CHECK(table.has_autoincrement());

    const auto& sku = table.columns[1];
    CHECK(sku.name == "sku");
    CHECK(sku.name_sql == "[sku]");
    CHECK(sku.type == "VARCHAR ( 20 )");
    REQUIRE(sku.constraints.size() == 3);
    CHECK(sku.constraints[0].text == "NOT NULL");
    CHECK(sku.constraints[1].text == "COLLATE NOCASE");
    CHECK(sku.constraints[2].name == "uq_sku");
    CHECK(sku.constraints[2].text == "UNIQUE ON CONFLICT ABORT");

    const auto& qty = table.columns[2];
    CHECK(qty.name_sql == "`qty`");
    CHECK(qty.constraints[0].text == "DEFAULT -1");
    CHECK(qty.constraints[1].text == "CHECK (qty <> 0)");

    CHECK(table.columns[3].constraints[0].text == "DEFAULT 'it''s, (fine)'");
    const auto& owner = table.columns[4].constraints[0];
    CHECK(owner.kind == ClauseKind::references);
    CHECK(owner.name == "fk_owner");
    CHECK(owner.referred_table == "users");
    CHECK(
        owner.text ==
        "REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED");
    CHECK(table.columns[5].constraints[0].text == "GENERATED ALWAYS AS (qty * 2.5e+1) STORED");
    CHECK(table.columns[6].type.empty());
    CHECK(table.columns[6].constraints[0].kind == ClauseKind::generated);
    CHECK(table.columns[7].constraints[1].kind == ClauseKind::null);

    REQUIRE(table.constraints.size() == 4);
    CHECK(table.constraints[0].name == "ck \"named\"");
    CHECK(table.constraints[0].name_sql == "\"ck \"\"named\"\"\"");
    CHECK(table.constraints[0].text == "CHECK (length(sku) > 1 AND note <> ')')");
    CHECK(table.constraints[1].columns == std::vector<std::string>{"sku", "owner_id"});
    CHECK(table.constraints[2].name.empty());
    CHECK(table.constraints[3].kind == ClauseKind::foreign_key);
    CHECK(table.constraints[3].columns == std::vector<std::string>{"owner_id", "sku"});
    CHECK(table.constraints[3].referred_table == "owners");
}

TEST_CASE("A table written back reads the same") {
    const auto table = parse_create_table(k_everything);
    const auto again = parse_create_table(render_create_table(table));
    CHECK(render_create_table(again) == render_create_table(table));
    REQUIRE(again.columns.size() == table.columns.size());
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        CHECK(render_column(again.columns[i]) == render_column(table.columns[i]));
}

TEST_CASE("A rowid alias is INTEGER PRIMARY KEY, but not DESC and not in a WITHOUT ROWID table") {
    CHECK(parse_create_table("CREATE TABLE t (id INTEGER PRIMARY KEY, x)").has_rowid_alias());
    CHECK(parse_create_table("create table t (id integer, x, primary key (id))").has_rowid_alias());
    CHECK_FALSE(
        parse_create_table("CREATE TABLE t (id INTEGER PRIMARY KEY DESC)").has_rowid_alias());
    CHECK_FALSE(parse_create_table("CREATE TABLE t (id BIGINT PRIMARY KEY)").has_rowid_alias());
    CHECK_FALSE(parse_create_table("CREATE TABLE t (id INTEGER PRIMARY KEY) WITHOUT ROWID")
                    .has_rowid_alias());
}

TEST_CASE("What is not a plain CREATE TABLE is refused with what was found") {
    CHECK_THROWS_WITH_AS(parse_create_table("CREATE VIRTUAL TABLE f USING fts5(body)"),
                         doctest::Contains("virtual table"), fleet::InputError);
    CHECK_THROWS_WITH_AS(parse_create_table("CREATE TABLE t (a, b"),
                         doctest::Contains("cannot read"), fleet::InputError);
    CHECK_THROWS_AS(parse_create_table("CREATE TABLE t (a DEFAULT)"), fleet::InputError);
    CHECK_THROWS_AS(parse_create_table("CREATE TABLE t (a) WITHOUT"), fleet::InputError);
}

TEST_CASE("A table written back is the same table to SQLite, in every PRAGMA") {
    const char* tables[] = {
        k_everything,
        "CREATE TABLE t(a,b,c)",
        "create table \"t\" (\"select\" text default 'x' not null, [from] int check([from]>0))",
        "CREATE TABLE t (id INTEGER PRIMARY KEY DESC ON CONFLICT REPLACE, v BLOB DEFAULT x'00ff')",
        "CREATE TABLE t (a REAL DEFAULT -1.5e3, b TEXT DEFAULT (lower('X')), c DEFAULT +7, d "
        "DEFAULT CURRENT_TIMESTAMP, e DEFAULT TRUE, f DEFAULT NULL)",
        "CREATE TABLE t (a INT, b INT, c INT AS (a + b) VIRTUAL, UNIQUE (a COLLATE NOCASE DESC, b) "
        "ON CONFLICT IGNORE, PRIMARY KEY (b, a)) WITHOUT ROWID",
        "CREATE TABLE t (a UNSIGNED BIG INT, b DOUBLE PRECISION, c VARYING CHARACTER(255), d "
        "DECIMAL(10, 5) CONSTRAINT nn NOT NULL CONSTRAINT d0 DEFAULT 0)",
        "CREATE TABLE t (p INT, q INT, r INT, FOREIGN KEY (p, q) REFERENCES other (x, y) MATCH "
        "SIMPLE ON UPDATE SET DEFAULT ON DELETE NO ACTION NOT DEFERRABLE)",
    };
    auto describe = [](fleet::test::RebuildDb& db) {
        std::vector<std::string> out;
        for (const char* pragma : {"table_xinfo", "index_list", "foreign_key_list"})
            for (const auto& row :
                 db.rows(std::string("SELECT * FROM pragma_") + pragma + "('t') ORDER BY 1, 2"))
                out.push_back(std::string(pragma) + " " + row);
        for (auto index : db.rows("SELECT name FROM pragma_index_list('t') ORDER BY 1"))
            for (const auto& row :
                 db.rows("SELECT * FROM pragma_index_xinfo(" + index + ") ORDER BY 1"))
                out.push_back(index + " " + row);
        return out;
    };
    for (const std::string sql : tables) {
        CAPTURE(sql);
        const auto table = parse_create_table(sql);
        if (table.name != "t") continue; // k_everything: its name is checked above
        fleet::test::RebuildDb original, written;
        original.exec(sql);
        written.exec(render_create_table(table));
        CHECK(describe(written) == describe(original));
        CHECK_FALSE(describe(original).empty());
    }
}
