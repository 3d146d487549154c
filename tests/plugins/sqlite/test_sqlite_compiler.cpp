#include "engine/error.hpp"
#include "plugins/sqlite/sqlite_compiler.hpp"
#include "plugins/sqlite/sqlite_connection.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"
#include "tests/plugins/golden_file.hpp"
#include "tests/plugins/op_builders.hpp"
#include "tests/plugins/render_steps.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

using fleet::engine::url::DatabaseUrl;
using fleet::plugins::sqlite::SqliteCompiler;
using fleet::plugins::sqlite::SqliteConnection;
using fleet::plugins::sqlite::SqliteDialect;
using namespace fleet::tests::ops;
using K = fleet::engine::ops::ColumnType::Kind;

namespace {

CreateTable accounts_table(int line) {
    CreateTable accounts{.name = "accounts", .line = line};
    Column email = column("email", type(K::varchar, 255), false);
    email.comment = "SQLite keeps no comments";
    accounts.columns = {
        key("id"),
        email,
        with_default(column("plan", type(K::varchar, 20), false), literal_default(text("free"))),
        with_default(column("active", type(K::boolean), false), literal_default(boolean(true))),
        with_default(column("created_at", type(K::timestamp), false),
                     expression_default("current_timestamp")),
        column("org_id", type(K::bigint)),
        column("mood", enumeration("mood", {"happy", "sad"})),
        column("small", type(K::smallint)),
        with_default(column("n", type(K::integer)), literal_default(number("0"))),
        column("bio", type(K::text)),
        column("code", type(K::fixed_char, 2)),
        column("balance", numeric(10, 2)),
        column("ratio", type(K::real)),
        column("score", type(K::double_precision)),
        column("born", type(K::date)),
        column("wake", type(K::time)),
        with_default(column("seen", type(K::timestamptz)), sql_default("datetime('now')")),
        column("data", type(K::json)),
        column("token", type(K::uuid)),
        column("avatar", type(K::binary)),
        column("address", per_dialect("inet", "TEXT")),
        column("order", type(K::text)),
    };
    accounts.primary_key = PrimaryKey{"pk_accounts", {"id"}};
    accounts.unique = {{"uq_accounts_email", {"email"}}};
    accounts.checks = {{"ck_accounts_plan", "plan IN ('free', 'pro')"}};
    accounts.foreign_keys = {
        foreign_key("fk_accounts_org_id_orgs", {"org_id"}, "orgs", {"id"}, "CASCADE")};
    return accounts;
}

// Every operation SQLite's ALTER TABLE does natively, with every portable
// type, in an order that runs on an empty SQLite file.
std::vector<Operation> sample_revision() {
    std::vector<Operation> ops;
    CreateTable orgs{.name = "orgs", .line = 3};
    orgs.columns = {key("id", K::integer), column("name", type(K::varchar, 100), false)};
    orgs.primary_key = PrimaryKey{"pk_orgs", {"id"}};
    orgs.comment = "organisations";
    ops.push_back(orgs);
    ops.push_back(accounts_table(10));
    ops.push_back(CreateIndex{.name = "ix_accounts_org_id",
                              .table = "accounts",
                              .columns = {part("org_id")},
                              .line = 40});
    ops.push_back(CreateIndex{.name = "ix_accounts_lower_email",
                              .table = "accounts",
                              .columns = {expression("lower(email)"), part("id")},
                              .unique = true,
                              .where = "active",
                              .postgresql_concurrently = true,
                              .line = 42});
    ops.push_back(AddColumn{
        .table = "accounts", .column = column("nickname", type(K::varchar, 50)), .line = 48});
    ops.push_back(AddColumn{
        .table = "accounts",
        .column = with_default(column("status", enumeration("status", {"new", "old"}), false),
                               literal_default(text("new"))),
        .line = 50});
    Column ref = column("parent_id", type(K::bigint));
    ref.references = foreign_key("", {}, "accounts", {"id"}, "SET NULL");
    ops.push_back(AddColumn{.table = "accounts", .column = ref, .line = 52});
    AlterColumn rename{.table = "accounts", .column = "plan", .line = 55};
    rename.comment = "the plan";
    rename.new_column_name = "plan_name";
    ops.push_back(rename);
    ops.push_back(RenameTable{.table = "orgs", .new_name = "organisations", .line = 70});
    ops.push_back(DropColumn{.table = "accounts", .column = "bio", .line = 72});
    ops.push_back(BulkInsert{.table = "organisations",
                             .rows = {{{"name", text("acme")}}, {{"name", text("o'brien")}}},
                             .line = 97});
    ops.push_back(BulkInsert{.table = "accounts",
                             .rows = {{{"email", text("a@acme")}, {"org_id", number("1")}},
                                      {{"email", text("b@acme")}, {"org_id", number("1")}},
                                      {{"email", text("c@acme")}, {"active", boolean(false)}}},
                             .line = 101});
    ops.push_back(DropIndex{.name = "ix_accounts_org_id", .table = "accounts", .line = 110});
    ops.push_back(Execute{"SELECT 1", {{"sqlite", "UPDATE accounts SET small = 1"}}, 114});
    CreateTable notes{.name = "notes", .line = 116};
    notes.columns = {column("body", type(K::text))};
    ops.push_back(notes);
    ops.push_back(DropTable{.name = "notes", .line = 120});
    return ops;
}

std::vector<std::string> rows_of(SqliteConnection& db, const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& row : db.query(sql)) {
        std::string line;
        for (const auto& cell : row)
            line += (line.empty() ? "" : "|") + cell.value_or("NULL");
        out.push_back(line);
    }
    return out;
}

// Records each rebuild it is asked for instead of writing one.
class RecordingCompiler : public SqliteCompiler {
  public:
    using SqliteCompiler::SqliteCompiler;
    struct Call {
        TableModel before, after;
        std::vector<std::string> changes; // "operation@line"
    };
    mutable std::vector<Call> calls;

  protected:
    std::vector<Statement> rebuild(const TableModel& before, const TableModel& after,
                                   const std::vector<const Operation*>& changes,
                                   const RenderContext&) const override {
        Call call{before, after, {}};
        for (const auto* op : changes) {
            call.changes.push_back(fmt::format("{}@{}", operation_name(*op), source_line(*op)));
        }
        calls.push_back(call);
        return {{fmt::format("-- rebuild {}", before.name), false}};
    }
};

SchemaModel schema_with(const std::vector<Operation>& ops) {
    SchemaModel schema;
    for (const auto& op : ops)
        schema.apply(op, "v.yaml");
    return schema;
}

} // namespace

TEST_CASE("every native SQLite operation renders to the SQL its golden file shows") {
    SchemaModel schema;
    auto rendered =
        fleet::tests::render_steps(SqliteDialect::instance(), sample_revision(), schema);
    fleet::tests::check_golden("operations_sqlite.sql", rendered.text);
}

TEST_CASE(
    "the rendered SQLite runs on a real file and PRAGMA shows what each operation asked for") {
    fleet::test::TempDir dir;
    SqliteConnection db(DatabaseUrl::parse("sqlite:///" + (dir.path() / "app.db").string()), {});
    db.execute("PRAGMA foreign_keys = ON");
    SchemaModel schema;
    auto rendered =
        fleet::tests::render_steps(SqliteDialect::instance(), sample_revision(), schema);
    for (const auto& statement : rendered.statements)
        db.execute(statement.sql);

    SUBCASE("columns: name, type, not null, default, key") {
        CHECK(rows_of(db, "SELECT name, type, \"notnull\", coalesce(dflt_value, '-'), pk "
                          "FROM pragma_table_info('accounts')") ==
              std::vector<std::string>{
                  "id|INTEGER|1|-|1",
                  "email|VARCHAR(255)|1|-|0",
                  "plan_name|VARCHAR(20)|1|'free'|0",
                  "active|BOOLEAN|1|1|0",
                  "created_at|DATETIME|1|CURRENT_TIMESTAMP|0",
                  "org_id|BIGINT|0|-|0",
                  "mood|VARCHAR(5)|0|-|0",
                  "small|SMALLINT|0|-|0",
                  "n|INTEGER|0|0|0",
                  "code|CHAR(2)|0|-|0",
                  "balance|NUMERIC(10, 2)|0|-|0",
                  "ratio|REAL|0|-|0",
                  "score|DOUBLE|0|-|0",
                  "born|DATE|0|-|0",
                  "wake|TIME|0|-|0",
                  "seen|DATETIME|0|datetime('now')|0",
                  "data|JSON|0|-|0",
                  "token|CHAR(32)|0|-|0",
                  "avatar|BLOB|0|-|0",
                  "address|TEXT|0|-|0",
                  "order|TEXT|0|-|0",
                  "nickname|VARCHAR(50)|0|-|0",
                  "status|VARCHAR(3)|1|'new'|0",
                  "parent_id|BIGINT|0|-|0",
              });
    }
    SUBCASE("the autoincrement key is the rowid alias: ids are given") {
        CHECK(rows_of(db, "SELECT id, typeof(id), email, org_id IS NULL, active, small "
                          "FROM accounts ORDER BY id") ==
              std::vector<std::string>{"1|integer|a@acme|0|1|1", "2|integer|b@acme|0|1|1",
                                       "3|integer|c@acme|1|0|1"});
        CHECK(rows_of(db, "SELECT id, name FROM organisations ORDER BY id") ==
              std::vector<std::string>{"1|acme", "2|o'brien"});
    }
    SUBCASE("enum CHECKs, keys and foreign keys hold") {
        CHECK_THROWS_AS(db.execute("INSERT INTO accounts (email, mood) VALUES ('x', 'angry')"),
                        fleet::DatabaseError);
        CHECK_THROWS_AS(db.execute("INSERT INTO accounts (email, status) VALUES ('x', 'gone')"),
                        fleet::DatabaseError);
        CHECK_THROWS_AS(db.execute("INSERT INTO accounts (email) VALUES ('a@acme')"),
                        fleet::DatabaseError);
        CHECK_THROWS_AS(db.execute("INSERT INTO accounts (email, plan_name) VALUES ('x', 'gold')"),
                        fleet::DatabaseError);
        CHECK(rows_of(db, "SELECT \"table\", \"from\", \"to\", on_delete "
                          "FROM pragma_foreign_key_list('accounts') ORDER BY \"from\"") ==
              std::vector<std::string>{"organisations|org_id|id|CASCADE",
                                       "accounts|parent_id|id|SET NULL"});
    }
    SUBCASE("indexes, tables and what was dropped") {
        CHECK(rows_of(db, "SELECT name, \"unique\", partial FROM pragma_index_list('accounts') "
                          "WHERE origin = 'c'") ==
              std::vector<std::string>{"ix_accounts_lower_email|1|1"});
        CHECK(rows_of(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") ==
              std::vector<std::string>{"accounts", "organisations"});
    }
}

TEST_CASE("SQLite's ALTER TABLE is used only where SQLite does the change safely") {
    const auto& compiler =
        dynamic_cast<const SqliteCompiler&>(SqliteDialect::instance().compiler());
    CreateTable parent{.name = "parent", .line = 1};
    parent.columns = {key("id", K::integer),
                      column("code", type(K::text)),
                      column("kind", enumeration("kind", {"a"})),
                      column("plain", type(K::text)),
                      column("checked", type(K::integer)),
                      column("indexed", type(K::text)),
                      column("by_expr", type(K::text))};
    parent.primary_key = PrimaryKey{"pk_parent", {"id"}};
    parent.unique = {{"uq_parent_code", {"code"}}};
    parent.checks = {{"ck_parent_checked", "checked > 0"}};
    CreateTable child{.name = "child", .line = 2};
    child.columns = {column("parent_code", type(K::text))};
    child.foreign_keys = {foreign_key("fk_child", {"parent_code"}, "parent", {"code"})};
    SchemaModel schema = schema_with(
        {parent, child,
         CreateIndex{.name = "ix_i", .table = "parent", .columns = {part("indexed")}},
         CreateIndex{
             .name = "ix_e", .table = "parent", .columns = {expression("upper(by_expr)")}}});
    Capabilities can = SqliteDialect::instance().capabilities();
    RenderContext c{&schema, &can, true, "v.yaml"};
    auto add = [&](Column col) {
        return compiler.needs_rebuild(AddColumn{.table = "parent", .column = col}, c);
    };
    auto drop = [&](const char* name) {
        return compiler.needs_rebuild(DropColumn{.table = "parent", .column = name}, c);
    };
    SUBCASE("add_column") {
        CHECK_FALSE(add(column("a", type(K::text))));
        CHECK_FALSE(
            add(with_default(column("a", type(K::text), false), literal_default(text("x")))));
        CHECK_FALSE(add(column("a", enumeration("e", {"x"}))));
        Column ref = column("a", type(K::integer));
        ref.references = foreign_key("", {}, "parent", {"id"});
        CHECK_FALSE(add(ref));
        CHECK(add(with_default(ref, literal_default(number("1")))));
        CHECK(add(column("a", type(K::text), false)));
        CHECK(add(with_default(column("a", type(K::text), false), literal_default(null()))));
        CHECK(add(with_default(column("a", type(K::text)), expression_default("current_date"))));
        CHECK(add(with_default(column("a", type(K::text)), sql_default("1 + 1"))));
        Column unique = column("a", type(K::text));
        unique.unique = true;
        CHECK(add(unique));
        Column primary = column("a", type(K::integer));
        primary.primary_key = true;
        CHECK(add(primary));
    }
    SUBCASE("drop_column") {
        CHECK_FALSE(drop("plain"));
        for (const char* blocked : {"id", "code", "kind", "checked", "indexed", "by_expr"}) {
            CAPTURE(blocked);
            CHECK(drop(blocked));
        }
        CHECK(compiler.needs_rebuild(DropColumn{.table = "child", .column = "parent_code"}, c));
        can.drop_column = false;
        CHECK(drop("plain"));
    }
    SUBCASE("alter_column: a rename alone, or a comment, is native") {
        AlterColumn rename{.table = "parent", .column = "plain"};
        rename.new_column_name = "renamed";
        rename.comment = "x";
        CHECK_FALSE(compiler.needs_rebuild(rename, c));
        can.rename_column = false;
        CHECK(compiler.needs_rebuild(rename, c));
        AlterColumn retype{.table = "parent", .column = "plain"};
        retype.nullable = false;
        CHECK(compiler.needs_rebuild(retype, c));
    }
    SUBCASE("constraints are always a rebuild, indexes never") {
        CHECK(compiler.needs_rebuild(DropConstraint{.table = "parent",
                                                    .name = "uq_parent_code",
                                                    .type = ConstraintType::unique},
                                     c));
        CHECK(compiler.needs_rebuild(
            CreateCheckConstraint{.table = "parent", .check = {"ck", "plain <> ''"}}, c));
        CHECK(compiler.needs_rebuild(
            CreatePrimaryKey{.table = "child", .key = {"pk", {"parent_code"}}}, c));
        CHECK(compiler.needs_rebuild(
            CreateUniqueConstraint{.table = "parent", .constraint = {"uq", {"plain"}}}, c));
        CHECK(compiler.needs_rebuild(
            CreateForeignKey{.table = "child",
                             .key = foreign_key("fk", {"parent_code"}, "parent", {"id"})},
            c));
        CHECK_FALSE(compiler.needs_rebuild(
            CreateIndex{.name = "ix", .table = "parent", .columns = {part("plain")}}, c));
    }
}

TEST_CASE("a revision's consecutive changes to one table make one rebuild") {
    RecordingCompiler compiler(SqliteDialect::instance());
    CreateTable t{.name = "t", .line = 1};
    t.columns = {key("id", K::integer), column("a", type(K::text)), column("b", type(K::text))};
    t.primary_key = PrimaryKey{"pk_t", {"id"}};
    CreateTable u{.name = "u", .line = 2};
    u.columns = {column("x", type(K::text))};
    SchemaModel schema = schema_with({t, u});
    AlterColumn a_not_null{.table = "t", .column = "a", .line = 11};
    a_not_null.nullable = false;
    AlterColumn b_integer{.table = "t", .column = "b", .line = 14};
    b_integer.type = type(K::integer);
    AlterColumn x_integer{.table = "u", .column = "x", .line = 17};
    x_integer.type = type(K::integer);
    std::vector<Operation> ops{
        AddColumn{.table = "t", .column = column("c", type(K::text)), .line = 10},
        a_not_null,
        CreateIndex{.name = "ix_t_a", .table = "t", .columns = {part("a")}, .line = 12},
        b_integer,
        x_integer,
        AddColumn{.table = "u", .column = column("y", type(K::text)), .line = 18},
    };
    RenderContext c{nullptr, nullptr, true, "v.yaml"};
    std::vector<std::string> sql;
    for (const auto& s : compiler.render(ops, schema, c))
        sql.push_back(s.sql);
    CHECK(sql == std::vector<std::string>{"-- rebuild t", "CREATE INDEX ix_t_a ON t (a)",
                                          "-- rebuild t", "-- rebuild u"});
    REQUIRE(compiler.calls.size() == 3);
    CHECK(compiler.calls[0].changes ==
          std::vector<std::string>{"add_column@10", "alter_column@11"});
    CHECK(compiler.calls[0].before.columns.size() == 3);
    CHECK(compiler.calls[0].after.columns.size() == 4);
    CHECK_FALSE(compiler.calls[0].after.find_column("a")->nullable);
    CHECK(compiler.calls[1].changes == std::vector<std::string>{"alter_column@14"});
    CHECK(compiler.calls[1].after.find_column("b")->type.kind == K::integer);
    CHECK(compiler.calls[2].changes ==
          std::vector<std::string>{"alter_column@17", "add_column@18"});
    REQUIRE(schema.find_table("", "u") != nullptr);
    CHECK(schema.find_table("", "u")->columns.size() == 2);
}

TEST_CASE("a SQLite rebuild of a table the revisions do not define fails with the line") {
    const auto& compiler = SqliteDialect::instance().compiler();
    SchemaModel schema;
    schema.mark_incomplete();
    AlterColumn op{.table = "legacy", .column = "a", .line = 9};
    op.nullable = false;
    RenderContext c{&schema, nullptr, true, "versions/b2.yaml"};
    CHECK_THROWS_WITH_AS(compiler.render(Operation(op), c),
                         "versions/b2.yaml:9: alter_column: table legacy needs a table rebuild on "
                         "SQLite, and its definition is not known from the revisions before (an "
                         "execute made or changed it); write this change as execute steps",
                         fleet::InputError);
}

TEST_CASE("an execute renders its own dialect's text, else its plain SQL, else nothing") {
    const auto& dialect = SqliteDialect::instance();
    Operation own = Execute{"UPDATE t SET a = 1", {{"sqlite", "UPDATE t SET a = 2"}}, 3};
    CHECK(dialect.render(own) == std::vector<std::string>{"UPDATE t SET a = 2"});
    Operation plain = Execute{"UPDATE t SET a = 1", {{"postgresql", "VACUUM"}}, 3};
    CHECK(dialect.render(plain) == std::vector<std::string>{"UPDATE t SET a = 1"});
    Operation only_pg = Execute{"", {{"postgresql", "VACUUM"}}, 0};
    CHECK(dialect.render(only_pg).empty());
    CHECK(dialect.render(Operation(Execute{" \n\t", {}, 0})).empty());
}

TEST_CASE("a comment alone renders nothing on SQLite, which has nowhere to keep it") {
    const auto& compiler = SqliteDialect::instance().compiler();
    SchemaModel schema;
    RenderContext c{&schema, nullptr, true, "v.yaml"};
    AlterColumn op{.table = "t", .column = "a", .line = 4};
    op.comment = "about a";
    CHECK(compiler.render(Operation(op), c).empty());
    CreateTable t{.name = "t", .line = 1};
    t.columns = {column("a", type(K::text))};
    t.comment = "about t";
    CHECK(compiler.render(Operation(t), c) ==
          std::vector<Statement>{{"CREATE TABLE t (\n    a TEXT\n)", false}});
}

TEST_CASE("bulk_insert writes 500 rows at most per INSERT") {
    const auto& compiler = SqliteDialect::instance().compiler();
    SchemaModel schema;
    RenderContext c{&schema, nullptr, true, "v.yaml"};
    BulkInsert op{.table = "t", .line = 2};
    for (int i = 0; i < 1001; ++i)
        op.rows.push_back({{"n", number(std::to_string(i))}});
    auto statements = compiler.render(Operation(op), c);
    REQUIRE(statements.size() == 3);
    CHECK(statements[0].sql.starts_with("INSERT INTO t (n) VALUES (0), (1), "));
    CHECK(statements[0].sql.ends_with(", (499)"));
    CHECK(statements[1].sql.starts_with("INSERT INTO t (n) VALUES (500), "));
    CHECK(statements[2].sql == "INSERT INTO t (n) VALUES (1000)");
}
