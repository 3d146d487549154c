#include "engine/lint/rules.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

// The catalog: stable kebab-case ids, each documented with a summary and the
// safe way to do the same thing.

using namespace fleet::engine::lint;

TEST_CASE("every rule has a unique kebab-case id, a summary, a safe way and a dialect") {
    std::set<std::string_view> ids;
    for (const Rule& rule : rule_catalog()) {
        CAPTURE(rule.id);
        CHECK(ids.insert(rule.id).second);
        CHECK_FALSE(rule.id.empty());
        for (char c : rule.id)
            CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
        CHECK(rule.id.front() != '-');
        CHECK(rule.id.back() != '-');
        CHECK_FALSE(rule.summary.empty());
        CHECK_FALSE(rule.safe.empty());
        CHECK((rule.postgresql || rule.sqlite));
    }
    CHECK(ids.size() >= 20);
}

TEST_CASE("rules are found by id, and an unknown id is no rule") {
    CHECK(find_rule("create-index-locks-writes")->severity == Severity::error);
    CHECK(find_rule("rename-column")->severity == Severity::warning);
    CHECK(find_rule("no-such-rule") == nullptr);
    CHECK_THROWS_AS(rule("no-such-rule"), std::logic_error);
}

TEST_CASE("the README lists every rule with its severity") {
    std::ifstream in(std::string(FLEET_SOURCE_DIR) + "/README.md");
    std::stringstream text;
    text << in.rdbuf();
    for (const Rule& rule : rule_catalog()) {
        CAPTURE(rule.id);
        const std::string row =
            "| `" + std::string(rule.id) + "` | " + severity_name(rule.severity) + " |";
        CHECK(text.str().find(row) != std::string::npos);
    }
}
