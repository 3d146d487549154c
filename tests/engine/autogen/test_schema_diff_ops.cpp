#include "engine/autogen/schema_diff_ops.hpp"

#include "engine/url/database_url.hpp"
#include "plugins/driver_registry.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// The order of the operations between two schemas: every foreign key must
// resolve when they run one after another.

namespace {

using namespace fleet::engine;

schema::Table keyed_table(std::string name, std::vector<schema::ForeignKey> keys = {}) {
    schema::Table t;
    t.name = std::move(name);
    t.columns = {{"id", "integer", false, std::nullopt},
                 {"other_id", "integer", true, std::nullopt}};
    t.primary_key = {"id"};
    t.foreign_keys = std::move(keys);
    return t;
}

schema::ForeignKey to(const std::string& parent) {
    return {"fk_" + parent, {"other_id"}, parent, {"id"}, "NO ACTION", "NO ACTION"};
}

std::vector<std::string> ops_summary(const std::vector<ops::Operation>& ops) {
    std::vector<std::string> out;
    for (const auto& op : ops)
        out.push_back(std::string(ops::operation_name(op)) + " " + std::string(ops::table_of(op)));
    return out;
}

const autogen::CatalogOps& ops_catalog() {
    static const autogen::CatalogOps k_catalog(
        fleet::plugins::dialect_for(url::DatabaseUrl::parse("sqlite://")).compiler());
    return k_catalog;
}

} // namespace

TEST_CASE("New tables come parent first, and a cycle is closed by create_foreign_key at the end") {
    schema::Schema after;
    after.tables = {keyed_table("a", {to("c")}), keyed_table("b", {to("a")}),
                    keyed_table("c", {to("b")}), keyed_table("d", {to("d")})};
    schema::normalize(after);
    const auto up = autogen::diff_operations({}, after, ops_catalog());
    // d refers only to itself: ready first. a, b, c refer round: a goes
    // first without its key to c, which closes the cycle once c exists.
    CHECK(ops_summary(up) == std::vector<std::string>{"create_table d", "create_table a",
                                                      "create_table b", "create_table c",
                                                      "create_foreign_key a"});
    CHECK(std::get<ops::CreateTable>(up[0]).foreign_keys.size() == 1); // d -> d inline
    CHECK(std::get<ops::CreateTable>(up[1]).foreign_keys.empty());     // a -> c waits for c
    CHECK(std::get<ops::CreateTable>(up[2]).foreign_keys.size() == 1); // b -> a inline
}

TEST_CASE("Dropped tables go child first, their cycle opened first; kept tables' keys go first") {
    schema::Schema before;
    before.tables = {keyed_table("a", {to("b")}), keyed_table("b", {to("a")}),
                     keyed_table("keep", {to("c")}), keyed_table("c")};
    schema::normalize(before);
    schema::Schema after;
    after.tables = {keyed_table("keep")};
    schema::normalize(after);
    const auto down = autogen::diff_operations(before, after, ops_catalog());
    CHECK(ops_summary(down) == std::vector<std::string>{"drop_constraint keep", "drop_constraint a",
                                                        "drop_table b", "drop_table a",
                                                        "drop_table c"});
}

TEST_CASE("Equal schemas give no operation, whatever order the catalog listed them in") {
    schema::Schema a;
    a.tables = {keyed_table("x", {to("y")}), keyed_table("y")};
    schema::Schema b;
    b.tables = {keyed_table("y"), keyed_table("x", {to("y")})};
    schema::normalize(a);
    schema::normalize(b);
    CHECK(autogen::diff_operations(a, b, ops_catalog()).empty());
}
