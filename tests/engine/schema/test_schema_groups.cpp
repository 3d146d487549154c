#include "engine/schema/schema_groups.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::schema;

namespace {

Schema with_table(const std::string& name) {
    Schema schema;
    schema.tables = {{name, {{"id", "integer", false, {}}}, {"id"}, {}, {}, {}}};
    return schema;
}

} // namespace

TEST_CASE("equal schemas form one group, the most common first") {
    Schema a = with_table("a");
    Schema b = with_table("b");
    auto groups = group_schemas({&b, &a, &a, &b, &a});
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].members == std::vector<std::size_t>{1, 2, 4});
    CHECK(groups[1].members == std::vector<std::size_t>{0, 3});
}

TEST_CASE("a tie goes to the schema of the earlier target") {
    Schema a = with_table("a");
    Schema b = with_table("b");
    auto groups = group_schemas({&b, &a});
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].members == std::vector<std::size_t>{0});
}

TEST_CASE("no schemas, no groups") { CHECK(group_schemas({}).empty()); }
