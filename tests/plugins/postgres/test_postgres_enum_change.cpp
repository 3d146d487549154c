#include "plugins/postgres/postgres_connection.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "plugins/postgres/postgres_enum_change.hpp"
#include "tests/plugins/op_builders.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"
#include "tests/plugins/render_steps.hpp"

#include <doctest/doctest.h>

// An enum type's labels changed through alter_column: added in place, else
// the type made again with every column of it cast over.

using fleet::plugins::postgres::EnumRelabel;
using fleet::plugins::postgres::PostgresConnection;
using fleet::plugins::postgres::PostgresDialect;
using fleet::tests::PgScratchDatabase;
using namespace fleet::tests::ops;
using K = fleet::engine::ops::ColumnType::Kind;

namespace {

// people(id, mood mood DEFAULT 'ok', other mood) and pets(id, mood mood).
std::vector<Operation> setup() {
    CreateTable people{.name = "people", .line = 1};
    people.columns = {key("id"),
                      with_default(column("mood", enumeration("mood", {"sad", "ok"})),
                                   literal_default(text("ok"))),
                      column("other", enumeration("mood", {"sad", "ok"}))};
    people.primary_key = PrimaryKey{"pk_people", {"id"}};
    CreateTable pets{.name = "pets", .line = 2};
    pets.columns = {key("id"), column("mood", enumeration("mood", {"sad", "ok"}))};
    pets.primary_key = PrimaryKey{"pk_pets", {"id"}};
    return {people, pets};
}

AlterColumn relabel(const std::string& table, const std::string& column,
                    std::vector<std::string> before, std::vector<std::string> after) {
    AlterColumn op{.table = table, .column = column, .line = 10};
    op.type = enumeration("mood", std::move(after));
    op.existing_type = enumeration("mood", std::move(before));
    return op;
}

std::vector<std::string> sql_of(const std::vector<Operation>& ops, SchemaModel& schema,
                                std::vector<bool>* outside = nullptr) {
    std::vector<std::string> out;
    for (const auto& statement :
         fleet::tests::render_steps(PostgresDialect::instance(), ops, schema).statements) {
        out.push_back(statement.sql);
        if (outside) outside->push_back(statement.outside_transaction);
    }
    return out;
}

std::vector<std::string> labels_of(PostgresConnection& db) {
    std::vector<std::string> out;
    for (const auto& row : db.query("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON "
                                    "t.oid = e.enumtypid WHERE t.typname = 'mood' "
                                    "ORDER BY e.enumsortorder"))
        out.push_back(row[0].value_or(""));
    return out;
}

} // namespace

TEST_CASE("labels only added are found with a neighbour each, in an order that gives the wanted "
          "one") {
    using fleet::plugins::postgres::labels_added;
    auto added = labels_added(EnumRelabel{"mood", {"b", "d"}, {"a", "b", "c", "d", "e"}});
    REQUIRE(added);
    REQUIRE(added->size() == 3);
    CHECK((*added)[0].label == "a");
    CHECK((*added)[0].neighbour == "b");
    CHECK_FALSE((*added)[0].after);
    CHECK((*added)[1].label == "c");
    CHECK((*added)[1].neighbour == "b");
    CHECK((*added)[2].label == "e");
    CHECK((*added)[2].neighbour == "d");
    CHECK((*added)[2].after);
    SUBCASE("a label removed or moved is no addition") {
        CHECK_FALSE(labels_added(EnumRelabel{"mood", {"a", "b", "c"}, {"a", "c"}}));
        CHECK_FALSE(labels_added(EnumRelabel{"mood", {"a", "b"}, {"b", "a", "c"}}));
    }
}

TEST_CASE("a label added is ALTER TYPE ADD VALUE outside the transaction; the columns' own steps "
          "after it change nothing more") {
    SchemaModel schema;
    sql_of(setup(), schema);
    std::vector<bool> outside;
    const auto sql =
        sql_of({relabel("people", "mood", {"sad", "ok"}, {"sad", "meh", "ok", "glad"}),
                relabel("people", "other", {"sad", "ok"}, {"sad", "meh", "ok", "glad"}),
                relabel("pets", "mood", {"sad", "ok"}, {"sad", "meh", "ok", "glad"})},
               schema, &outside);
    CHECK(sql ==
          std::vector<std::string>{"ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'sad'",
                                   "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'glad' AFTER 'ok'"});
    CHECK(outside == std::vector<bool>{true, true});
    CHECK(schema.enums().at("mood") == std::vector<std::string>{"sad", "meh", "ok", "glad"});
    const auto* pets = schema.find_table("", "pets");
    REQUIRE(pets);
    CHECK(pets->find_column("mood")->type.enum_values.size() == 4);
}

TEST_CASE("a label removed makes the type again and casts every column of it over, defaults put "
          "back") {
    SchemaModel schema;
    sql_of(setup(), schema);
    auto op = relabel("people", "mood", {"sad", "ok"}, {"ok"});
    op.nullable = false;
    const auto sql = sql_of({op, relabel("people", "other", {"sad", "ok"}, {"ok"}),
                             relabel("pets", "mood", {"sad", "ok"}, {"ok"})},
                            schema);
    CHECK(sql == std::vector<std::string>{
                     "ALTER TYPE mood RENAME TO mood_old", "CREATE TYPE mood AS ENUM ('ok')",
                     "ALTER TABLE people ALTER COLUMN mood DROP DEFAULT",
                     "ALTER TABLE people ALTER COLUMN mood TYPE mood USING mood::text::mood",
                     "ALTER TABLE people ALTER COLUMN mood SET DEFAULT 'ok'",
                     "ALTER TABLE people ALTER COLUMN other TYPE mood USING other::text::mood",
                     "ALTER TABLE pets ALTER COLUMN mood TYPE mood USING mood::text::mood",
                     "DROP TYPE mood_old", "ALTER TABLE people ALTER COLUMN mood SET NOT NULL"});
}

TEST_CASE("another type made an enum is cast over through text") {
    SchemaModel schema;
    CreateTable t{.name = "t", .line = 1};
    t.columns = {key("id"), column("state", type(K::text))};
    t.primary_key = PrimaryKey{"pk_t", {"id"}};
    sql_of({t}, schema);
    AlterColumn op{.table = "t", .column = "state", .line = 2};
    op.type = enumeration("state", {"on", "off"});
    CHECK(sql_of({op}, schema) ==
          std::vector<std::string>{"CREATE TYPE state AS ENUM ('on', 'off')",
                                   "ALTER TABLE t ALTER COLUMN state TYPE state USING "
                                   "state::text::state"});
}

TEST_CASE("relabelled on a server, an enum type keeps its rows and comes back") {
    PgScratchDatabase scratch;
    PostgresConnection db(scratch.url(), {});
    SchemaModel schema;
    auto run = [&](const std::vector<Operation>& ops) {
        for (const auto& sql : sql_of(ops, schema))
            db.execute(sql);
    };
    run(setup());
    db.execute("INSERT INTO people (mood, other) VALUES ('sad', 'ok')");
    run({relabel("people", "mood", {"sad", "ok"}, {"sad", "ok", "glad"}),
         relabel("people", "other", {"sad", "ok"}, {"sad", "ok", "glad"}),
         relabel("pets", "mood", {"sad", "ok"}, {"sad", "ok", "glad"})});
    CHECK(labels_of(db) == std::vector<std::string>{"sad", "ok", "glad"});
    db.execute("INSERT INTO people (mood) VALUES ('glad')");
    db.execute("DELETE FROM people WHERE mood = 'glad'");
    run({relabel("people", "mood", {"sad", "ok", "glad"}, {"ok", "sad"}),
         relabel("people", "other", {"sad", "ok", "glad"}, {"ok", "sad"}),
         relabel("pets", "mood", {"sad", "ok", "glad"}, {"ok", "sad"})});
    CHECK(labels_of(db) == std::vector<std::string>{"ok", "sad"});
    CHECK(db.query("SELECT mood::text || ' ' || other::text FROM people")[0][0] == "sad ok");
    CHECK(db.query("SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d "
                   "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                   "WHERE a.attrelid = 'people'::regclass AND a.attname = 'mood'")[0][0] ==
          "'ok'::mood");
    CHECK(db.query("SELECT count(*) FROM pg_type WHERE typname = 'mood_old'")[0][0] == "0");
}
