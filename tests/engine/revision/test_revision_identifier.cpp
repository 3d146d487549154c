// Resolving identifiers: get_revisions, get_revision, get_current_head and
// filter_for_lineage. Expected values are Alembic 1.8.1's.
#include "engine/revision/revision_error.hpp"
#include "engine/revision/revision_map.hpp"
#include "tests/engine/revision/graphs.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::revision;
using fleet::test::Ids;
using fleet::test::ids_of;
using fleet::test::map_of;

TEST_CASE("symbolic names resolve as in Alembic") {
    const auto map = fleet::test::branched_graph();
    CHECK(ids_of(map.get_revisions("heads")) == Ids{"3d3d3d", "5f5f5f"});
    CHECK(map.get_revisions("base").empty());
    CHECK(map.get_revisions(RevisionArg()).empty());
    CHECK(map.get_revision("base") == nullptr);
    CHECK(map.get_revision(RevisionArg()) == nullptr);
    // "head" before '@' is taken as a branch name.
    CHECK_THROWS_WITH_AS(map.get_revision("head@base"), "No such branch: 'head'", ResolutionError);

    const auto linear = fleet::test::linear_graph();
    CHECK(ids_of(linear.get_revisions("head")) == Ids{"4d5e6f"});
    CHECK(linear.get_revision("head")->id == "4d5e6f");
    CHECK(linear.get_current_head() == "4d5e6f");
}

TEST_CASE("full ids, prefixes and tuples resolve to revisions") {
    const auto map = fleet::test::branched_graph();
    CHECK(map.get_revision("1b1b1b")->id == "1b1b1b");
    CHECK(map.get_revision("1b1b")->id == "1b1b1b");
    // Any prefix is tried; the key must be longer than three characters.
    CHECK(map.get_revision("1b1")->id == "1b1b1b");
    CHECK(ids_of(map.get_revisions(RevisionArg::tuple({"3d3d3d", "5f5f"}))) ==
          Ids{"3d3d3d", "5f5f5f"});
    CHECK(ids_of(map.get_revisions(RevisionArg::tuple({}))) == Ids{});
}

TEST_CASE("branch labels resolve alone, with @head, @heads, @id and @-N") {
    const auto map = fleet::test::branched_graph();
    SUBCASE("a bare label names the revision that declares it") {
        CHECK(ids_of(map.get_revisions("left")) == Ids{"2c2c2c"});
    }
    SUBCASE("label@head and label@heads name the branch's head") {
        CHECK(ids_of(map.get_revisions("left@head")) == Ids{"3d3d3d"});
        CHECK(ids_of(map.get_revisions("right@heads")) == Ids{"5f5f5f"});
        CHECK(map.get_current_head("left") == "3d3d3d");
    }
    SUBCASE("label@id checks that the revision is on the branch") {
        CHECK(ids_of(map.get_revisions("left@2c2c")) == Ids{"2c2c2c"});
        CHECK_THROWS_WITH_AS(map.get_revisions("left@5f5f5f"),
                             "Revision 5f5f5f is not a member of branch 'left'", ResolutionError);
    }
    SUBCASE("id@head: a revision id used as the branch") {
        CHECK(ids_of(map.get_revisions("3d3d3d@head")) == Ids{"3d3d3d"});
        CHECK_THROWS_WITH_AS(map.get_revisions("0a0a0a@head"),
                             "Multiple heads are present for given argument '0a0a0a@head'; "
                             "3d3d3d, 5f5f5f",
                             MultipleHeads);
    }
    SUBCASE("-N and label@-N walk down from the heads") {
        CHECK(ids_of(map.get_revisions("-1")) == Ids{"2c2c2c", "4e4e4e"});
        CHECK(ids_of(map.get_revisions("left@-1")) == Ids{"2c2c2c"});
        CHECK(ids_of(map.get_revisions("left@-3")) == Ids{"0a0a0a"});
        // Below the root is the base marker, further is nothing.
        auto below = map.resolve("left@-4");
        REQUIRE(below.size() == 1);
        CHECK(below[0].base);
        auto beyond = map.resolve("left@-5");
        REQUIRE(beyond.size() == 1);
        CHECK(beyond[0].is_none());
        CHECK(map.get_revisions("left@-5") == std::vector<const Revision*>{nullptr});
    }
    SUBCASE("an unknown label") {
        CHECK_THROWS_WITH_AS(map.get_revisions("nope@head"), "No such revision or branch 'nope'",
                             ResolutionError);
        CHECK_THROWS_WITH_AS(map.get_revisions("nope@2c2c2c"), "No such branch: 'nope'",
                             ResolutionError);
    }
}

TEST_CASE("a label that is inherited counts for @head") {
    const auto map =
        map_of({{"c0c0c0"}, {"c1c1c1", {"c0c0c0"}, {}, {"mid"}}, {"c2c2c2", {"c1c1c1"}}});
    CHECK(ids_of(map.get_revisions("mid@head")) == Ids{"c2c2c2"});
    CHECK(map.get_revisions("mid@base").empty());
    CHECK(ids_of(map.get_revisions("mid@c0c0")) == Ids{"c0c0c0"});
}

TEST_CASE("unresolvable identifiers are errors that say what was asked") {
    const auto map = fleet::test::branched_graph();
    SUBCASE("head with several heads lists them") {
        CHECK_THROWS_WITH_AS(map.get_revisions("head"),
                             "Multiple heads are present for given argument 'head'; 3d3d3d, 5f5f5f",
                             MultipleHeads);
        CHECK_THROWS_WITH_AS(map.get_current_head(),
                             "Multiple heads are present for given argument 'head'; 3d3d3d, 5f5f5f",
                             MultipleHeads);
        try {
            map.get_revision("heads");
            FAIL("expected MultipleHeads");
        } catch (const MultipleHeads& e) {
            CHECK(e.heads() == Ids{"3d3d3d", "5f5f5f"});
            CHECK(e.argument() == "heads");
        }
    }
    SUBCASE("an unknown id") {
        CHECK_THROWS_WITH_AS(map.get_revisions("zzzzzz"), "No such revision or branch 'zzzzzz'",
                             ResolutionError);
        CHECK_THROWS_WITH_AS(map.get_revisions("zz"),
                             "No such revision or branch 'zz'; please ensure at least four "
                             "characters are present for partial revision identifier matches",
                             ResolutionError);
        try {
            map.get_revision("zzzzzz");
            FAIL("expected ResolutionError");
        } catch (const ResolutionError& e) {
            CHECK(e.argument() == "zzzzzz");
        }
    }
    SUBCASE("relative forms are not identifiers for get_revisions") {
        const auto linear = fleet::test::linear_graph();
        CHECK_THROWS_WITH_AS(linear.get_revisions("1a2b3c+2"),
                             "No such revision or branch '1a2b3c+2'", ResolutionError);
        CHECK_THROWS_AS(linear.get_revisions("+2"), ResolutionError);
    }
}

TEST_CASE("an ambiguous prefix lists the matches, branch labels included") {
    SUBCASE("two ids") {
        const auto map = map_of({{"abcd1111"},
                                 {"abcd2222", {"abcd1111"}},
                                 {"abcd3333", {"abcd1111"}},
                                 {"abcd4444", {"abcd1111"}, {}, {"four"}}});
        CHECK_THROWS_WITH_AS(map.get_revisions("abcd"),
                             "Multiple revisions start with 'abcd': 'abcd1111', 'abcd2222', "
                             "'abcd3333'...",
                             ResolutionError);
        // Within a branch only the branch's matches count.
        CHECK_THROWS_WITH_AS(map.get_revision("four@abcd"),
                             "Multiple revisions start with 'abcd': 'abcd1111', 'abcd4444'...",
                             ResolutionError);
        CHECK(map.get_revision("four@abcd4")->id == "abcd4444");
    }
    SUBCASE("an id and a label") {
        const auto map = map_of({{"feat1234"}, {"bbbb", {"feat1234"}, {}, {"feature"}}});
        CHECK_THROWS_WITH_AS(map.get_revisions("feat"),
                             "Multiple revisions start with 'feat': 'feat1234', 'feature'...",
                             ResolutionError);
        // A label prefix names the label's revision.
        CHECK(map.get_revision("featu")->id == "bbbb");
    }
}

TEST_CASE("filter_for_lineage keeps what shares a line with the given revision") {
    const auto map = fleet::test::branched_graph();
    CHECK(map.filter_for_lineage(Ids{"3d3d3d", "5f5f5f"}, "left") == Ids{"3d3d3d"});
    CHECK(map.filter_for_lineage(Ids{"3d3d3d", "5f5f5f"}, "1b1b1b") == Ids{"3d3d3d", "5f5f5f"});
    CHECK(map.filter_for_lineage(Ids{"3d3d3d", "5f5f5f"}, "base") == Ids{"3d3d3d", "5f5f5f"});
    CHECK(map.filter_for_lineage(Ids{}, "nope").empty()); // nothing to test, nothing resolved

    const auto roots = fleet::test::two_roots_graph();
    const auto* a2 = roots.find("a2a2a2");
    const auto* b2 = roots.find("b2b2b2");
    CHECK(ids_of(roots.filter_for_lineage(std::vector<const Revision*>{a2, b2}, "a1a1a1")) ==
          Ids{"a2a2a2"});
    CHECK(ids_of(roots.filter_for_lineage(std::vector<const Revision*>{a2, b2}, "a1a1a1", true)) ==
          Ids{"a2a2a2", "b2b2b2"});
}

TEST_CASE("get_all_current reduces revisions to the branch heads among them") {
    const auto map = fleet::test::two_roots_graph();
    CHECK(ids_of(map.get_all_current({"b1b1b1", "a2a2a2"})) == Ids{"a2a2a2", "b1b1b1"});
    CHECK(ids_of(map.get_all_current({"a1a1a1", "a0a0a0"})) == Ids{"a1a1a1"});
    CHECK(map.get_all_current({}).empty());
}
