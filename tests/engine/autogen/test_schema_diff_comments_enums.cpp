#include "engine/autogen/schema_diff_ops.hpp"

#include "engine/url/database_url.hpp"
#include "plugins/driver_registry.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Comments and PostgreSQL enum types between two catalogs: which operations
// carry them.

namespace {

using namespace fleet::engine;

schema::Column plain(std::string name, std::string type = "integer") {
    schema::Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    return c;
}

schema::Column mood(std::string name, std::vector<std::string> labels) {
    schema::Column c = plain(std::move(name), "mood");
    c.enum_values = std::move(labels);
    return c;
}

schema::Table comments_table(std::string name, std::vector<schema::Column> columns) {
    schema::Table t;
    t.name = std::move(name);
    t.columns = {plain("id")};
    t.columns.front().nullable = false;
    for (auto& c : columns)
        t.columns.push_back(std::move(c));
    t.primary_key = {"id"};
    return t;
}

schema::Schema comments_schema(std::vector<schema::Table> tables) {
    schema::Schema s;
    s.tables = std::move(tables);
    schema::normalize(s);
    return s;
}

const autogen::CatalogOps& comments_catalog() {
    static const autogen::CatalogOps k_catalog(
        fleet::plugins::dialect_for(url::DatabaseUrl::parse("postgresql://")).compiler());
    return k_catalog;
}

std::vector<std::string> comments_summary(const std::vector<ops::Operation>& ops) {
    std::vector<std::string> out;
    for (const auto& op : ops)
        out.push_back(std::string(ops::operation_name(op)) + " " + std::string(ops::table_of(op)));
    return out;
}

} // namespace

TEST_CASE("A column's comment changed is an alter_column with the comment it had") {
    auto with = plain("n");
    with.comment = "the count";
    const auto before = comments_schema({comments_table("t", {plain("n")})});
    const auto after = comments_schema({comments_table("t", {with})});
    const auto up = autogen::diff_operations(before, after, comments_catalog());
    REQUIRE(comments_summary(up) == std::vector<std::string>{"alter_column t"});
    const auto& alter = std::get<ops::AlterColumn>(up[0]);
    CHECK(alter.comment == "the count");
    CHECK(alter.existing_comment == "");
    CHECK_FALSE(alter.type);
    const auto down = autogen::diff_operations(after, before, comments_catalog());
    CHECK(std::get<ops::AlterColumn>(down[0]).comment == "");
    CHECK(std::get<ops::AlterColumn>(down[0]).existing_comment == "the count");
}

TEST_CASE("A kept table's comment is set by a PostgreSQL execute; a new table carries its own") {
    auto commented = comments_table("t", {});
    commented.comment = "it's kept";
    const auto up = autogen::diff_operations(comments_schema({comments_table("t", {})}),
                                             comments_schema({commented}), comments_catalog());
    REQUIRE(up.size() == 1);
    const auto& step = std::get<ops::Execute>(up[0]);
    CHECK(step.sql.empty());
    CHECK(step.by_dialect.at("postgresql") == "COMMENT ON TABLE t IS 'it''s kept'");
    const auto down =
        autogen::diff_operations(comments_schema({commented}),
                                 comments_schema({comments_table("t", {})}), comments_catalog());
    CHECK(std::get<ops::Execute>(down[0]).by_dialect.at("postgresql") ==
          "COMMENT ON TABLE t IS NULL");

    auto with_comment = plain("n");
    with_comment.comment = "why";
    auto fresh = comments_table("u", {with_comment});
    fresh.comment = "new";
    const auto created = autogen::diff_operations({}, comments_schema({fresh}), comments_catalog());
    const auto& create = std::get<ops::CreateTable>(created[0]);
    CHECK(create.comment == "new");
    CHECK(create.columns[1].comment == "why");
}

TEST_CASE("An enum column reads as the portable enum type with its labels") {
    const auto up = autogen::diff_operations(
        {}, comments_schema({comments_table("t", {mood("m", {"sad", "ok"})})}), comments_catalog());
    const auto& type = std::get<ops::CreateTable>(up[0]).columns[1].type;
    CHECK(type.kind == ops::ColumnType::Kind::enumeration);
    CHECK(type.enum_name == "mood");
    CHECK(type.enum_values == std::vector<std::string>{"sad", "ok"});
}

TEST_CASE("An enum type's labels changed are an alter_column per column of it, before new tables "
          "and columns use them") {
    const auto before =
        comments_schema({comments_table("a", {mood("m", {"sad", "ok"})}),
                         comments_table("b", {mood("m", {"sad", "ok"}), plain("x")})});
    const auto after = comments_schema(
        {comments_table("a", {mood("m", {"sad", "ok", "glad"})}),
         comments_table("b", {mood("m", {"sad", "ok", "glad"}), mood("n", {"sad", "ok", "glad"})}),
         comments_table("c", {mood("m", {"sad", "ok", "glad"})})});
    const auto up = autogen::diff_operations(before, after, comments_catalog());
    CHECK(comments_summary(up) == std::vector<std::string>{"alter_column a", "alter_column b",
                                                           "create_table c", "add_column b",
                                                           "drop_column b"});
    const auto& first = std::get<ops::AlterColumn>(up[0]);
    REQUIRE(first.type);
    CHECK(first.type->enum_values == std::vector<std::string>{"sad", "ok", "glad"});
    CHECK(first.existing_type->enum_values == std::vector<std::string>{"sad", "ok"});
    const auto down = autogen::diff_operations(after, before, comments_catalog());
    CHECK(comments_summary(down) == std::vector<std::string>{"drop_table c", "alter_column a",
                                                             "alter_column b", "add_column b",
                                                             "drop_column b"});
}
