#include "engine/autogen/table_filter.hpp"

#include <doctest/doctest.h>

using fleet::engine::autogen::TableFilter;
namespace schema = fleet::engine::schema;

namespace {

std::vector<std::string> names(const schema::Schema& s) {
    std::vector<std::string> out;
    for (const auto& table : s.tables)
        out.push_back(table.name);
    for (const auto& view : s.views)
        out.push_back("view " + view.name);
    return out;
}

schema::Schema tables(std::initializer_list<const char*> table_names) {
    schema::Schema s;
    for (const char* name : table_names) {
        schema::Table table;
        table.name = name;
        s.tables.push_back(table);
    }
    return s;
}

} // namespace

TEST_CASE("no pattern keeps every table") {
    auto s = tables({"orders", "tmp_x"});
    TableFilter{}.apply(s);
    CHECK(names(s) == std::vector<std::string>{"orders", "tmp_x"});
}

TEST_CASE("exclude patterns drop the tables they match, globs as fnmatch reads them") {
    auto s = tables({"orders", "tmp_load", "tmp", "audit_2026", "audit"});
    s.views.push_back({"tmp_report", "SELECT 1"});
    TableFilter{{}, {"tmp_*", "audit_[0-9]*"}}.apply(s);
    CHECK(names(s) == std::vector<std::string>{"orders", "tmp", "audit"});
}

TEST_CASE("include patterns keep only what they match, and exclude still wins") {
    auto s = tables({"orders", "order_lines", "customers", "order_tmp"});
    TableFilter{{"orders", "order_*"}, {"*_tmp"}}.apply(s);
    CHECK(names(s) == std::vector<std::string>{"orders", "order_lines"});
}

TEST_CASE("names match case-sensitively, as the catalogs spell them") {
    CHECK(TableFilter{{}, {"Tmp*"}}.keeps("tmp_x"));
    CHECK_FALSE(TableFilter{{}, {"Tmp*"}}.keeps("Tmp_x"));
}
