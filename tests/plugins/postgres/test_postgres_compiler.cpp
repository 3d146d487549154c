#include "engine/error.hpp"
#include "plugins/postgres/postgres_connection.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "tests/plugins/golden_file.hpp"
#include "tests/plugins/op_builders.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"
#include "tests/plugins/render_steps.hpp"

#include <doctest/doctest.h>

using fleet::plugins::postgres::PostgresConnection;
using fleet::plugins::postgres::PostgresDialect;
using fleet::tests::PgScratchDatabase;
using namespace fleet::tests::ops;
using K = fleet::engine::ops::ColumnType::Kind;

namespace {

// Every operation, with every portable type, in an order that runs on an
// empty PostgreSQL database.
std::vector<Operation> sample_revision() {
    std::vector<Operation> ops;
    CreateTable orgs{.name = "orgs", .line = 3};
    orgs.columns = {key("id"), column("name", type(K::varchar, 100), false)};
    orgs.primary_key = PrimaryKey{"pk_orgs", {"id"}};
    orgs.comment = "organisations";
    ops.push_back(orgs);

    CreateTable accounts{.name = "accounts", .line = 10};
    Column email = column("email", type(K::varchar, 255), false);
    email.comment = "where mail goes";
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
        with_default(column("seen", type(K::timestamptz)), sql_default("now()")),
        column("data", type(K::json)),
        column("token", type(K::uuid)),
        column("avatar", type(K::binary)),
        column("address", per_dialect("inet", "TEXT")),
        column("\"odd\" Name", type(K::text)),
    };
    accounts.primary_key = PrimaryKey{"pk_accounts", {"id"}};
    accounts.unique = {{"uq_accounts_email", {"email"}}};
    accounts.checks = {{"ck_accounts_plan", "plan IN ('free', 'pro')"}};
    accounts.foreign_keys = {
        foreign_key("fk_accounts_org_id_orgs", {"org_id"}, "orgs", {"id"}, "CASCADE")};
    ops.push_back(accounts);

    ops.push_back(CreateIndex{.name = "ix_accounts_org_id",
                              .table = "accounts",
                              .columns = {part("org_id")},
                              .line = 40});
    ops.push_back(CreateIndex{.name = "ix_accounts_lower_email",
                              .table = "accounts",
                              .columns = {expression("lower(email)"), part("id")},
                              .unique = true,
                              .where = "active",
                              .line = 42});
    ops.push_back(CreateIndex{.name = "ix_accounts_created_at",
                              .table = "accounts",
                              .columns = {part("created_at")},
                              .postgresql_concurrently = true,
                              .line = 45});
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
    AlterColumn plan{.table = "accounts", .column = "plan", .line = 55};
    plan.type = type(K::text);
    plan.nullable = true;
    plan.server_default = std::optional<ServerDefault>(literal_default(text("pro")));
    plan.comment = "the plan";
    plan.new_column_name = "plan_name";
    ops.push_back(plan);
    AlterColumn n{.table = "accounts", .column = "n", .line = 62};
    n.type = type(K::bigint);
    n.postgresql_using = "n::bigint";
    n.server_default = std::optional<ServerDefault>();
    ops.push_back(n);
    AlterColumn mood{.table = "accounts", .column = "mood", .line = 66};
    mood.type = type(K::text);
    ops.push_back(mood);
    ops.push_back(RenameTable{.table = "orgs", .new_name = "organisations", .line = 70});
    ops.push_back(CreateUniqueConstraint{
        .table = "accounts", .constraint = {"uq_accounts_nickname", {"nickname"}}, .line = 72});
    ops.push_back(CreateCheckConstraint{
        .table = "accounts", .check = {"ck_accounts_small", "small > 0"}, .line = 75});
    CreateTable notes{.name = "notes", .line = 78};
    notes.columns = {key("id", K::integer), column("account_id", type(K::bigint), false)};
    notes.primary_key = PrimaryKey{"pk_notes", {"id"}};
    ops.push_back(notes);
    ops.push_back(CreateForeignKey{
        .table = "notes",
        .key = foreign_key("fk_notes_account_id_accounts", {"account_id"}, "accounts", {"id"}),
        .line = 84});
    CreateTable tags{.name = "tags", .line = 88};
    tags.columns = {column("name", type(K::varchar, 20), false),
                    column("kind", enumeration("tag_kind", {"plain", "special"}))};
    ops.push_back(tags);
    ops.push_back(CreatePrimaryKey{.table = "tags", .key = {"pk_tags", {"name"}}, .line = 91});
    ops.push_back(DropConstraint{.table = "accounts",
                                 .name = "uq_accounts_nickname",
                                 .type = ConstraintType::unique,
                                 .line = 94});
    ops.push_back(BulkInsert{.table = "organisations",
                             .rows = {{{"name", text("acme")}}, {{"name", text("o'brien")}}},
                             .line = 97});
    ops.push_back(BulkInsert{.table = "accounts",
                             .rows = {{{"email", text("a@acme")}, {"org_id", number("1")}},
                                      {{"email", text("b@acme")}, {"org_id", number("1")}},
                                      {{"email", text("c@acme")}, {"active", boolean(false)}},
                                      {{"email", text("d@acme")}, {"bio", null()}}},
                             .line = 101});
    ops.push_back(DropIndex{.name = "ix_accounts_created_at",
                            .table = "accounts",
                            .postgresql_concurrently = true,
                            .line = 110});
    ops.push_back(DropColumn{.table = "accounts", .column = "status", .line = 112});
    ops.push_back(Execute{"UPDATE accounts SET small = 1", {{"sqlite", "SELECT 1"}}, 114});
    ops.push_back(DropTable{.name = "notes", .line = 116});
    return ops;
}

std::string one_value(PostgresConnection& db, const std::string& sql) {
    auto rows = db.query(sql);
    REQUIRE_MESSAGE(rows.size() == 1, sql);
    return rows[0][0].value_or("NULL");
}

} // namespace

TEST_CASE("every operation renders to the PostgreSQL its golden file shows") {
    SchemaModel schema;
    auto rendered =
        fleet::tests::render_steps(PostgresDialect::instance(), sample_revision(), schema);
    fleet::tests::check_golden("operations_postgresql.sql", rendered.text);
}

TEST_CASE("the rendered PostgreSQL runs and the catalog shows what each operation asked for") {
    PgScratchDatabase scratch;
    PostgresConnection db(scratch.url(), {});
    SchemaModel schema;
    auto rendered =
        fleet::tests::render_steps(PostgresDialect::instance(), sample_revision(), schema);
    for (const auto& statement : rendered.statements)
        db.execute(statement.sql);

    auto column_facts = [&](const std::string& table, const std::string& column) {
        return one_value(db, "SELECT format_type(a.atttypid, a.atttypmod) || ' ' || "
                             "CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END || ' ' || "
                             "coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' ' || "
                             "CASE WHEN a.attidentity = 'd' THEN 'identity' ELSE '-' END "
                             "FROM pg_attribute a LEFT JOIN pg_attrdef d "
                             "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                             "WHERE a.attrelid = '" +
                                 table + "'::regclass AND a.attname = '" + column +
                                 "' AND NOT a.attisdropped");
    };
    SUBCASE("columns: types, nullability, defaults, identity") {
        CHECK(column_facts("accounts", "id") == "bigint not null - identity");
        CHECK(column_facts("accounts", "email") == "character varying(255) not null - -");
        CHECK(column_facts("accounts", "plan_name") == "text null 'pro'::text -");
        CHECK(column_facts("accounts", "active") == "boolean not null true -");
        CHECK(column_facts("accounts", "created_at") ==
              "timestamp without time zone not null CURRENT_TIMESTAMP -");
        CHECK(column_facts("accounts", "n") == "bigint null - -");
        CHECK(column_facts("accounts", "mood") == "text null - -");
        CHECK(column_facts("accounts", "small") == "smallint null - -");
        CHECK(column_facts("accounts", "code") == "character(2) null - -");
        CHECK(column_facts("accounts", "balance") == "numeric(10,2) null - -");
        CHECK(column_facts("accounts", "ratio") == "real null - -");
        CHECK(column_facts("accounts", "score") == "double precision null - -");
        CHECK(column_facts("accounts", "wake") == "time without time zone null - -");
        CHECK(column_facts("accounts", "seen") == "timestamp with time zone null now() -");
        CHECK(column_facts("accounts", "data") == "json null - -");
        CHECK(column_facts("accounts", "token") == "uuid null - -");
        CHECK(column_facts("accounts", "avatar") == "bytea null - -");
        CHECK(column_facts("accounts", "address") == "inet null - -");
        CHECK(column_facts("accounts", "\"odd\" Name") == "text null - -");
        CHECK(column_facts("organisations", "id") == "bigint not null - identity");
        CHECK(db.query("SELECT 1 FROM pg_attribute WHERE attrelid = 'accounts'::regclass "
                       "AND attname = 'status' AND NOT attisdropped")
                  .empty());
    }
    SUBCASE("enum types live as long as a column uses them") {
        CHECK(one_value(db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) "
                            "FROM pg_enum JOIN pg_type t ON t.oid = enumtypid "
                            "WHERE typname = 'tag_kind'") == "plain,special");
        CHECK(column_facts("tags", "kind") == "tag_kind null - -");
        CHECK(db.query("SELECT 1 FROM pg_type WHERE typname = 'mood'").empty());
        CHECK(db.query("SELECT 1 FROM pg_type WHERE typname = 'status'").empty());
    }
    SUBCASE("constraints by name and kind") {
        auto kinds = db.query("SELECT conname || ' ' || contype::text FROM pg_constraint "
                              "WHERE conrelid IN ('accounts'::regclass, 'organisations'::regclass, "
                              "'tags'::regclass) ORDER BY conname");
        std::vector<std::string> names;
        for (const auto& row : kinds)
            names.push_back(*row[0]);
        CHECK(names == std::vector<std::string>{"ck_accounts_plan c", "ck_accounts_small c",
                                                "fk_accounts_org_id_orgs f",
                                                "fk_accounts_parent_id_accounts f", "pk_accounts p",
                                                "pk_orgs p", "pk_tags p", "uq_accounts_email u"});
        CHECK(one_value(db, "SELECT confdeltype::text FROM pg_constraint "
                            "WHERE conname = 'fk_accounts_org_id_orgs'") == "c");
        CHECK(one_value(db, "SELECT confdeltype::text FROM pg_constraint "
                            "WHERE conname = 'fk_accounts_parent_id_accounts'") == "n");
        CHECK(db.query("SELECT 1 FROM pg_class WHERE relname = 'notes'").empty());
    }
    SUBCASE("indexes, partial and by expression") {
        CHECK(one_value(db, "SELECT indexdef FROM pg_indexes WHERE indexname = "
                            "'ix_accounts_lower_email'") ==
              "CREATE UNIQUE INDEX ix_accounts_lower_email ON public.accounts USING btree "
              "(lower((email)::text), id) WHERE active");
        CHECK(one_value(db, "SELECT count(*) FROM pg_indexes WHERE indexname = "
                            "'ix_accounts_org_id'") == "1");
        CHECK(db.query("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_accounts_created_at'")
                  .empty());
    }
    SUBCASE("comments, rows and the execute") {
        CHECK(one_value(db, "SELECT obj_description('organisations'::regclass, 'pg_class')") ==
              "organisations");
        CHECK(one_value(db, "SELECT col_description('accounts'::regclass, 2)") ==
              "where mail goes");
        CHECK(one_value(db, "SELECT col_description('accounts'::regclass, 3)") == "the plan");
        CHECK(one_value(db, "SELECT string_agg(name, ',' ORDER BY id) FROM organisations") ==
              "acme,o'brien");
        CHECK(one_value(db, "SELECT string_agg(email || ':' || coalesce(org_id::text, '-') || ':' "
                            "|| active || ':' || small, ',' ORDER BY id) FROM accounts") ==
              "a@acme:1:true:1,b@acme:1:true:1,c@acme:-:false:1,d@acme:-:true:1");
    }
}

TEST_CASE("CONCURRENTLY index statements are the ones marked to run outside the transaction") {
    SchemaModel schema;
    auto rendered =
        fleet::tests::render_steps(PostgresDialect::instance(), sample_revision(), schema);
    std::vector<std::string> outside;
    for (const auto& statement : rendered.statements) {
        if (statement.outside_transaction) outside.push_back(statement.sql);
    }
    CHECK(outside ==
          std::vector<std::string>{
              "CREATE INDEX CONCURRENTLY ix_accounts_created_at ON accounts (created_at)",
              "DROP INDEX CONCURRENTLY ix_accounts_created_at"});
}

TEST_CASE("an operation PostgreSQL cannot be given fails at render time with its line") {
    const auto& compiler = PostgresDialect::instance().compiler();
    SchemaModel schema;
    RenderContext context{&schema, nullptr, true, "versions/a1.yaml"};
    SUBCASE("a per-dialect type with no postgresql entry") {
        ColumnType only_sqlite = type(K::per_dialect);
        only_sqlite.by_dialect = {{"sqlite", "TEXT"}};
        Operation op = AddColumn{.table = "t", .column = column("c", only_sqlite), .line = 7};
        const std::string expected = "versions/a1.yaml:7: add_column: the type " +
                                     portable_name(only_sqlite) + " has no entry for postgresql";
        CHECK_THROWS_WITH_AS(compiler.render(op, context), expected.c_str(), fleet::InputError);
    }
    SUBCASE("an identity column with a server_default") {
        CreateTable t{.name = "t", .line = 12};
        t.columns = {with_default(key("id"), literal_default(number("1")))};
        t.primary_key = PrimaryKey{"pk_t", {"id"}};
        CHECK_THROWS_WITH_AS(compiler.render(Operation(t), context),
                             "versions/a1.yaml:12: create_table: column id is an autoincrement key "
                             "(an identity column) and cannot also have a server_default",
                             fleet::InputError);
    }
}

TEST_CASE("alter_column drops the old default before a type change and sets the new one after") {
    const auto& compiler = PostgresDialect::instance().compiler();
    SchemaModel schema;
    RenderContext context{&schema, nullptr, true, "v.yaml"};
    AlterColumn op{.table = "t", .column = "c", .line = 3};
    op.type = type(K::integer);
    op.postgresql_using = "c::integer";
    op.server_default = std::optional<ServerDefault>(literal_default(number("0")));
    op.nullable = false;
    std::vector<std::string> sql;
    for (const auto& s : compiler.render(Operation(op), context))
        sql.push_back(s.sql);
    CHECK(sql == std::vector<std::string>{
                     "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
                     "ALTER TABLE t ALTER COLUMN c TYPE INTEGER USING c::integer",
                     "ALTER TABLE t ALTER COLUMN c SET NOT NULL",
                     "ALTER TABLE t ALTER COLUMN c SET DEFAULT 0",
                 });
}

TEST_CASE("an enum type shared by two tables is dropped only with its last column") {
    const auto& compiler = PostgresDialect::instance().compiler();
    auto table_with_mood = [](const char* table_name, int line) {
        CreateTable t{.name = table_name, .line = line};
        t.columns = {column("mood", enumeration("mood", {"happy", "sad"}))};
        return Operation(t);
    };
    SchemaModel schema;
    RenderContext c{&schema, nullptr, true, "v.yaml"};
    auto sql_of = [&](const Operation& op) {
        std::vector<std::string> sql;
        for (const auto& s : compiler.render(op, c))
            sql.push_back(s.sql);
        schema.apply(op, c.file);
        return sql;
    };
    CHECK(sql_of(table_with_mood("a", 1)) ==
          std::vector<std::string>{"CREATE TYPE mood AS ENUM ('happy', 'sad')",
                                   "CREATE TABLE a (\n    mood mood\n)"});
    CHECK(sql_of(table_with_mood("b", 2)) ==
          std::vector<std::string>{"CREATE TABLE b (\n    mood mood\n)"});
    CHECK(sql_of(DropTable{.name = "a", .line = 3}) == std::vector<std::string>{"DROP TABLE a"});
    AlterColumn retype{.table = "b", .column = "mood", .line = 4};
    retype.type = enumeration("feeling", {"up", "down"});
    retype.postgresql_using = "mood::text::feeling";
    CHECK(sql_of(retype) ==
          std::vector<std::string>{"CREATE TYPE feeling AS ENUM ('up', 'down')",
                                   "ALTER TABLE b ALTER COLUMN mood TYPE feeling USING "
                                   "mood::text::feeling",
                                   "DROP TYPE mood"});
    CHECK(sql_of(DropTable{.name = "b", .line = 5}) ==
          std::vector<std::string>{"DROP TABLE b", "DROP TYPE feeling"});
}

TEST_CASE("a revision renders as its operations one by one, the schema model advanced past each") {
    const auto& compiler = PostgresDialect::instance().compiler();
    SchemaModel one_by_one;
    auto expected =
        fleet::tests::render_steps(PostgresDialect::instance(), sample_revision(), one_by_one);
    SchemaModel schema;
    RenderContext c{nullptr, nullptr, true, "versions/sample.yaml"};
    CHECK(compiler.render(sample_revision(), schema, c) == expected.statements);
    CHECK(schema == one_by_one);
    REQUIRE(schema.find_table("", "organisations") != nullptr);
    CHECK(schema.find_table("", "orgs") == nullptr);
}
