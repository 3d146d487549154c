// Ranges: iterate_revisions (Alembic's upgrade and downgrade collections and
// their order) and walk_revisions (`history -r A:B`). Expected values are
// Alembic 1.8.1's.
#include "engine/revision/revision_error.hpp"
#include "engine/revision/revision_map.hpp"
#include "tests/engine/revision/graphs.hpp"

#include <doctest/doctest.h>

using namespace fleet::engine::revision;
using fleet::test::Ids;
using fleet::test::ids_of;
using fleet::test::map_of;

namespace {
Ids upgrade_range(const RevisionMap& map, const RevisionArg& upper, const RevisionArg& lower,
                  bool implicit_base = true) {
    return ids_of(map.iterate_revisions(upper, lower, implicit_base));
}
Ids downgrade_range(const RevisionMap& map, const RevisionArg& upper, const RevisionArg& lower,
                    bool inclusive = false) {
    return ids_of(map.iterate_revisions(upper, lower, false, inclusive, true, true));
}
} // namespace

TEST_CASE("walk_revisions lists a range from the top down") {
    SUBCASE("a linear history") {
        const auto map = fleet::test::linear_graph();
        CHECK(ids_of(map.walk_revisions()) == Ids{"4d5e6f", "3c4d5e", "2b3c4d", "1a2b3c"});
        CHECK(ids_of(map.walk_revisions("2b3c", "3c4d")) == Ids{"3c4d5e", "2b3c4d"});
        CHECK(ids_of(map.walk_revisions("-2", "heads")) == Ids{"4d5e6f", "3c4d5e", "2b3c4d"});
    }
    SUBCASE("branches: one branch at a time, in load order") {
        const auto map = fleet::test::branched_graph();
        CHECK(ids_of(map.walk_revisions()) ==
              Ids{"3d3d3d", "2c2c2c", "5f5f5f", "4e4e4e", "1b1b1b", "0a0a0a"});
        CHECK(ids_of(map.walk_revisions("left@base", "heads")) ==
              Ids{"3d3d3d", "2c2c2c", "1b1b1b", "0a0a0a"});
        CHECK(ids_of(map.walk_revisions("left@base", "left@head")) ==
              Ids{"3d3d3d", "2c2c2c", "1b1b1b", "0a0a0a"});
        CHECK(ids_of(map.walk_revisions("1b1b1b", "left@head")) ==
              Ids{"3d3d3d", "2c2c2c", "1b1b1b"});
    }
    SUBCASE("current heads as a tuple (history -r base:current)") {
        const auto map = fleet::test::branched_graph();
        CHECK(ids_of(map.walk_revisions("base", RevisionArg::tuple({"3d3d3d"}))) ==
              Ids{"3d3d3d", "2c2c2c", "1b1b1b", "0a0a0a"});
        CHECK(ids_of(map.walk_revisions(RevisionArg::tuple({"2c2c2c"}), "heads")) ==
              Ids{"3d3d3d", "2c2c2c"});
    }
    SUBCASE("a merge comes before both its parents") {
        const auto map = fleet::test::merged_graph();
        CHECK(ids_of(map.walk_revisions()) ==
              Ids{"6a6a6a", "3d3d3d", "2c2c2c", "5f5f5f", "4e4e4e", "1b1b1b", "0a0a0a"});
    }
    SUBCASE("depends_on: a revision comes before what it depends on") {
        const auto map = fleet::test::two_roots_graph();
        CHECK(ids_of(map.walk_revisions()) ==
              Ids{"a2a2a2", "b2b2b2", "b1b1b1", "b0b0b0", "a1a1a1", "a0a0a0"});
        CHECK(ids_of(map.walk_revisions("net@base", "heads")) ==
              Ids{"b2b2b2", "b1b1b1", "b0b0b0", "a1a1a1", "a0a0a0"});
    }
}

TEST_CASE("walk_revisions words its errors as Alembic's history command does") {
    const auto linear = fleet::test::linear_graph();
    CHECK_THROWS_WITH_AS(linear.walk_revisions("3c4d", "2b3c"),
                         "Requested range 3c4d:2b3c does not refer to ancestor/descendant "
                         "revisions along the same branch",
                         RangeNotAncestorError);
    CHECK_THROWS_WITH_AS(linear.walk_revisions("base", "zzzz"),
                         "Can't locate revision identified by 'zzzz'", ResolutionError);
    const auto branched = fleet::test::branched_graph();
    CHECK_THROWS_WITH_AS(branched.walk_revisions("base", "head"),
                         "Multiple head revisions are present for given argument 'head'; please "
                         "specify a specific target revision, '<branchname>@head' to narrow to a "
                         "specific head, or 'heads' for all heads (the heads: 3d3d3d, 5f5f5f)",
                         MultipleHeads);
}

TEST_CASE("the upgrade collection takes what the target needs and the heads lack") {
    const auto map = fleet::test::branched_graph();
    SUBCASE("without an implicit base only what stands on the current heads") {
        CHECK(upgrade_range(map, "heads", RevisionArg::tuple({"2c2c2c"}), false) == Ids{"3d3d3d"});
    }
    SUBCASE("with an implicit base the other branches too") {
        CHECK(upgrade_range(map, "heads", RevisionArg::tuple({"2c2c2c"})) ==
              Ids{"3d3d3d", "5f5f5f", "4e4e4e"});
    }
    SUBCASE("relative to the current heads, within a branch") {
        CHECK(upgrade_range(map, "right@+1", RevisionArg::tuple({"3d3d3d", "4e4e4e"})) ==
              Ids{"5f5f5f"});
        // right has no current head: it starts where its line leaves the applied ones.
        CHECK(upgrade_range(map, "right@+1", RevisionArg::tuple({"3d3d3d"})) == Ids{"4e4e4e"});
    }
    SUBCASE("relative errors") {
        CHECK_THROWS_WITH_AS(upgrade_range(map, "1b1b1b+1", RevisionArg::tuple({"1b1b1b"})),
                             "Ambiguous walk", fleet::RevisionError);
        CHECK_THROWS_WITH_AS(upgrade_range(map, "+1", RevisionArg::tuple({"3d3d3d", "5f5f5f"})),
                             "Ambiguous upgrade from multiple current revisions",
                             fleet::RevisionError);
        CHECK_THROWS_WITH_AS(
            upgrade_range(map, "left@+1", RevisionArg::tuple({"3d3d3d", "4e4e4e"})),
            "Relative revision +1 didn't produce 1 migrations", fleet::RevisionError);
        // Alembic fails an assertion here; fleet says the walk went too far.
        CHECK_THROWS_WITH_AS(upgrade_range(map, "3d3d3d+1", RevisionArg::tuple({})),
                             "Relative revision +1 didn't produce 1 migrations",
                             fleet::RevisionError);
    }
    SUBCASE("a current revision that is not below the target") {
        const auto linear = fleet::test::linear_graph();
        CHECK_THROWS_WITH_AS(upgrade_range(linear, "2b3c4d", RevisionArg::tuple({"4d5e6f"}), false),
                             "Revision ('4d5e6f',) is not an ancestor of revision 2b3c4d",
                             RangeNotAncestorError);
        // With an implicit base there is simply nothing to do.
        CHECK(upgrade_range(linear, "2b3c4d", RevisionArg::tuple({"4d5e6f"})).empty());
    }
}

TEST_CASE("the downgrade collection takes what stands on the target, of what is applied") {
    const auto map = fleet::test::branched_graph();
    const auto both = RevisionArg::tuple({"3d3d3d", "5f5f5f"});
    CHECK(downgrade_range(map, both, "1b1b1b") == Ids{"3d3d3d", "2c2c2c", "5f5f5f", "4e4e4e"});
    CHECK(downgrade_range(map, both, "1b1b1b", true) ==
          Ids{"3d3d3d", "2c2c2c", "5f5f5f", "4e4e4e", "1b1b1b"});
    CHECK(downgrade_range(map, both, "left@1b1b1b") == Ids{"3d3d3d", "2c2c2c"});
    CHECK(downgrade_range(map, both, "right@-1") == Ids{"5f5f5f"});
    CHECK(downgrade_range(map, both, "-1") == Ids{"3d3d3d"}); // from the first current head
    CHECK(downgrade_range(map, RevisionArg::tuple({"2c2c2c"}), "2c2c2c-1") == Ids{"2c2c2c"});
    CHECK_THROWS_WITH_AS(downgrade_range(map, both, "+1"),
                         "Relative revision +1 didn't produce 1 migrations", fleet::RevisionError);
    CHECK_THROWS_WITH_AS(downgrade_range(map, RevisionArg::tuple({"2c2c2c"}), "2c2c2c-5"),
                         "Walked too far", fleet::RevisionError);
    CHECK_THROWS_WITH_AS(downgrade_range(map, RevisionArg::tuple({"2c2c2c"}), "2c2c2c+5"),
                         "Walked too far", fleet::RevisionError);
    CHECK_THROWS_WITH_AS(downgrade_range(map, RevisionArg::tuple({"3d3d3d"}), "0a0a0a+3"),
                         "Ambiguous walk", fleet::RevisionError);
    CHECK_THROWS_AS(downgrade_range(map, RevisionArg::tuple({"3d3d3d"}), "5f5f5f"),
                    RangeNotAncestorError);
}

TEST_CASE("a depends_on dependency is downgraded after what depends on it") {
    const auto map = fleet::test::two_roots_graph();
    CHECK(downgrade_range(map, RevisionArg::tuple({"a2a2a2", "b2b2b2"}), "app@base") ==
          Ids{"a2a2a2", "b2b2b2", "b1b1b1", "a1a1a1", "a0a0a0"});
    CHECK(upgrade_range(map, "net@head", RevisionArg::tuple({})) ==
          Ids{"b2b2b2", "b1b1b1", "b0b0b0", "a1a1a1", "a0a0a0"});
}
