#include "engine/schema/schema_compare.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

// Comments and enum types in the model: described, compared, and part of
// what makes two schemas equal.

using namespace fleet::engine::schema;

namespace {

Column column(std::string name, std::string type, std::vector<std::string> labels = {}) {
    Column c;
    c.name = std::move(name);
    c.type = std::move(type);
    c.enum_values = std::move(labels);
    return c;
}

Schema people(std::vector<std::string> labels, std::string comment = "",
              std::string table_comment = "") {
    Table t;
    t.name = "people";
    t.columns = {column("id", "integer"), column("mood", "mood", labels),
                 column("other", "mood", labels)};
    t.columns[1].comment = std::move(comment);
    t.comment = std::move(table_comment);
    Schema s;
    s.tables = {t};
    normalize(s);
    return s;
}

std::vector<std::string> difference_lines(const std::vector<Difference>& differences) {
    std::vector<std::string> out;
    for (const auto& d : differences)
        out.push_back(std::string(change_sign(d.change)) + " " + d.description);
    return out;
}

} // namespace

TEST_CASE("a column describes its enum labels and its comment") {
    auto c = column("mood", "mood", {"sad", "it's ok"});
    c.comment = "how they feel";
    c.nullable = false;
    CHECK(describe(c) == "mood mood ENUM ('sad', 'it''s ok') NOT NULL COMMENT 'how they feel'");
}

TEST_CASE("comments of columns and tables are differences, each one line") {
    const auto left = people({"sad", "ok"});
    CHECK(difference_lines(compare(left, people({"sad", "ok"}, "why", "who"))) ==
          std::vector<std::string>{
              "~ table people: comment no comment in left, 'who' in right",
              "~ column people.mood: comment no comment in left, 'why' in right"});
    CHECK(compare(left, people({"sad", "ok"}, "why"))[0].kind == ObjectKind::column);
    CHECK(canonical_text(left) != canonical_text(people({"sad", "ok"}, "", "who")));
}

TEST_CASE("an enum type's labels changed are one difference, not one per column") {
    const auto differences = compare(people({"sad", "ok"}), people({"sad", "ok", "glad"}));
    CHECK(difference_lines(differences) ==
          std::vector<std::string>{"~ enum mood: labels ('sad', 'ok') in left, ('sad', 'ok', "
                                   "'glad') in right"});
    CHECK(differences[0].kind == ObjectKind::enum_type);
    CHECK(kind_name(differences[0].kind) == "enum");
    CHECK(canonical_text(people({"sad", "ok"})) != canonical_text(people({"ok", "sad"})));
    CHECK(enum_types(people({"sad"})) ==
          std::map<std::string, std::vector<std::string>>{{"mood", {"sad"}}});
}
