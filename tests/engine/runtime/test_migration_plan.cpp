// Planning upgrade, downgrade and stamp: which steps, in which order, and
// which errors. Every expectation is what Alembic 1.8.1's _upgrade_revs,
// _downgrade_revs and _stamp_revs return for the same graph and heads.
#include "engine/revision/revision_error.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "tests/engine/revision/graphs.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

using namespace fleet::engine;
using namespace fleet::engine::runtime;
using fleet::test::Ids;

namespace {

// "upgrade 1a2b3c", "downgrade 1a2b3c", "stamp a, b -> c up|down [branch]".
Ids names(const std::vector<MigrationStep>& steps) {
    Ids out;
    for (const auto& step : steps) {
        if (step.is_stamp())
            out.push_back(fmt::format("stamp {} -> {} {}{}", fmt::join(step.from_revisions(), ", "),
                                      fmt::join(step.to_revisions(), ", "),
                                      step.is_upgrade() ? "up" : "down",
                                      step.branch_move() ? " branch" : ""));
        else
            out.push_back(step.name() + " " + step.revision()->id);
    }
    return out;
}

Ids up(const revision::RevisionMap& map, std::string_view dest, const Ids& heads) {
    return names(plan_upgrade(map, dest, heads));
}
Ids down(const revision::RevisionMap& map, std::string_view dest, const Ids& heads) {
    return names(plan_downgrade(map, dest, heads));
}
Ids stamp(const revision::RevisionMap& map, const Ids& dests, const Ids& heads,
          bool purge = false) {
    return names(plan_stamp(map, dests, heads, purge));
}

} // namespace

TEST_CASE("a linear history upgrades and downgrades one revision at a time") {
    const auto map = fleet::test::linear_graph();
    SUBCASE("upgrade") {
        CHECK(up(map, "head", {}) ==
              Ids{"upgrade 1a2b3c", "upgrade 2b3c4d", "upgrade 3c4d5e", "upgrade 4d5e6f"});
        CHECK(up(map, "heads", {"2b3c4d"}) == Ids{"upgrade 3c4d5e", "upgrade 4d5e6f"});
        CHECK(up(map, "3c4d5e", {}) == Ids{"upgrade 1a2b3c", "upgrade 2b3c4d", "upgrade 3c4d5e"});
        CHECK(up(map, "3c4d", {"1a2b3c"}) == Ids{"upgrade 2b3c4d", "upgrade 3c4d5e"});
        CHECK(up(map, "head", {"4d5e6f"}).empty());
        CHECK(up(map, "1a2b3c", {"3c4d5e"}).empty()); // already past it: nothing
    }
    SUBCASE("relative upgrade") {
        CHECK(up(map, "+2", {}) == Ids{"upgrade 1a2b3c", "upgrade 2b3c4d"});
        CHECK(up(map, "+1", {"2b3c4d"}) == Ids{"upgrade 3c4d5e"});
        CHECK(up(map, "1a2b+2", {"1a2b3c"}) == Ids{"upgrade 2b3c4d", "upgrade 3c4d5e"});
        CHECK(up(map, "3c4d-1", {"3c4d5e"}).empty());
        CHECK_THROWS_WITH_AS(up(map, "+3", {"3c4d5e"}),
                             "Relative revision +3 didn't produce 3 migrations",
                             fleet::RevisionError);
        CHECK_THROWS_WITH_AS(up(map, "-1", {"3c4d5e"}),
                             "Relative revision -1 didn't produce 1 migrations",
                             fleet::RevisionError);
    }
    SUBCASE("downgrade") {
        CHECK(down(map, "base", {"3c4d5e"}) ==
              Ids{"downgrade 3c4d5e", "downgrade 2b3c4d", "downgrade 1a2b3c"});
        CHECK(down(map, "2b3c4d", {"4d5e6f"}) == Ids{"downgrade 4d5e6f", "downgrade 3c4d5e"});
        CHECK(down(map, "base", {}).empty());
        CHECK(down(map, "2b3c+1", {"3c4d5e"}).empty());
    }
    SUBCASE("relative downgrade") {
        CHECK(down(map, "-1", {"4d5e6f"}) == Ids{"downgrade 4d5e6f"});
        CHECK(down(map, "-2", {"4d5e6f"}) == Ids{"downgrade 4d5e6f", "downgrade 3c4d5e"});
        CHECK(down(map, "4d5e-2", {"4d5e6f"}) == Ids{"downgrade 4d5e6f", "downgrade 3c4d5e"});
        CHECK_THROWS_WITH_AS(down(map, "-5", {"3c4d5e"}),
                             "Relative revision -5 didn't produce 5 migrations",
                             fleet::RevisionError);
        CHECK_THROWS_WITH_AS(down(map, "-1", {}),
                             "Relative revision -1 didn't produce 1 migrations",
                             fleet::RevisionError);
        CHECK_THROWS_WITH_AS(down(map, "+1", {"3c4d5e"}),
                             "Relative revision +1 didn't produce 1 migrations",
                             fleet::RevisionError);
    }
    SUBCASE("a destination on the wrong side") {
        CHECK_THROWS_WITH_AS(
            down(map, "4d5e6f", {"3c4d5e"}),
            "Destination 4d5e6f is not a valid downgrade target from current head(s)",
            revision::RangeNotAncestorError);
    }
}

TEST_CASE("an unknown or ambiguous destination says so, as Alembic's commands do") {
    const auto map = fleet::test::branched_graph();
    CHECK_THROWS_WITH_AS(up(map, "head", {}),
                         "Multiple head revisions are present for given argument 'head'; please "
                         "specify a specific target revision, '<branchname>@head' to narrow to a "
                         "specific head, or 'heads' for all heads (the heads: 3d3d3d, 5f5f5f)",
                         revision::MultipleHeads);
    CHECK_THROWS_WITH_AS(up(map, "zzzzzz", {}), "Can't locate revision identified by 'zzzzzz'",
                         revision::ResolutionError);
    CHECK_THROWS_WITH_AS(down(map, "zzzzzz", {"3d3d3d"}),
                         "Can't locate revision identified by 'zzzzzz'", revision::ResolutionError);
    // A version row the scripts do not know.
    CHECK_THROWS_WITH_AS(up(map, "heads", {"dead00"}),
                         "Can't locate revision identified by 'dead00'", revision::ResolutionError);
    const auto prefixes = fleet::test::map_of({{"abcd1111"}, {"abcd2222", {"abcd1111"}}});
    CHECK_THROWS_WITH_AS(up(prefixes, "abcd", {}),
                         "Can't locate revision identified by 'abcd' (Multiple revisions start "
                         "with 'abcd': 'abcd1111', 'abcd2222'...)",
                         revision::ResolutionError);
}

TEST_CASE("branches upgrade one branch after the other, and by label") {
    const auto map = fleet::test::branched_graph();
    CHECK(up(map, "heads", {}) == Ids{"upgrade 0a0a0a", "upgrade 1b1b1b", "upgrade 4e4e4e",
                                      "upgrade 5f5f5f", "upgrade 2c2c2c", "upgrade 3d3d3d"});
    CHECK(up(map, "left@head", {}) ==
          Ids{"upgrade 0a0a0a", "upgrade 1b1b1b", "upgrade 2c2c2c", "upgrade 3d3d3d"});
    CHECK(up(map, "right@+1", {"3d3d3d"}) == Ids{"upgrade 4e4e4e"});
    CHECK(up(map, "right@+2", {"1b1b1b"}) == Ids{"upgrade 4e4e4e", "upgrade 5f5f5f"});
    CHECK(up(map, "heads", {"3d3d3d", "4e4e4e"}) == Ids{"upgrade 5f5f5f"});
    CHECK(up(map, "+1", {}) == Ids{"upgrade 0a0a0a"});
    CHECK_THROWS_WITH_AS(up(map, "+1", {"3d3d3d", "5f5f5f"}),
                         "Ambiguous upgrade from multiple current revisions", fleet::RevisionError);
    CHECK_THROWS_WITH_AS(up(map, "1b1b1b+1", {"1b1b1b"}), "Ambiguous walk", fleet::RevisionError);
}

TEST_CASE("branches downgrade by label, by relative step and to a branch point") {
    const auto map = fleet::test::branched_graph();
    CHECK(down(map, "left@-1", {"3d3d3d", "5f5f5f"}) == Ids{"downgrade 3d3d3d"});
    CHECK(down(map, "right@-1", {"3d3d3d", "5f5f5f"}) == Ids{"downgrade 5f5f5f"});
    CHECK(down(map, "1b1b1b", {"3d3d3d", "5f5f5f"}) ==
          Ids{"downgrade 3d3d3d", "downgrade 2c2c2c", "downgrade 5f5f5f", "downgrade 4e4e4e"});
    CHECK(down(map, "left@1b1b1b", {"3d3d3d", "5f5f5f"}) ==
          Ids{"downgrade 3d3d3d", "downgrade 2c2c2c"});
    // With a single root "label@base" is every root: Alembic takes both branches down.
    CHECK(down(map, "right@base", {"2c2c2c", "5f5f5f"}) ==
          Ids{"downgrade 2c2c2c", "downgrade 5f5f5f", "downgrade 4e4e4e", "downgrade 1b1b1b",
              "downgrade 0a0a0a"});
    // A bare -1 from several heads walks from the first one.
    CHECK(down(map, "-1", {"3d3d3d", "5f5f5f"}) == Ids{"downgrade 3d3d3d"});
}

TEST_CASE("label@-1 needs exactly one current revision on the branch") {
    // Alembic fails an assertion in both cases.
    const auto map = fleet::test::branched_graph();
    CHECK_THROWS_WITH_AS(down(map, "left@-1", {"5f5f5f"}),
                         "Relative revision left@-1 has nothing to walk from: no current revision "
                         "is on branch 'left'",
                         fleet::RevisionError);
    const auto trunk = fleet::test::map_of({{"0a0a0a", {}, {}, {"trunk"}},
                                            {"1b1b1b", {"0a0a0a"}},
                                            {"2c2c2c", {"1b1b1b"}},
                                            {"4e4e4e", {"1b1b1b"}}});
    CHECK_THROWS_WITH_AS(down(trunk, "trunk@-1", {"2c2c2c", "4e4e4e"}),
                         "Relative revision trunk@-1 is ambiguous: current revisions 2c2c2c, "
                         "4e4e4e are all on branch 'trunk'",
                         fleet::RevisionError);
}

TEST_CASE("a merge point is upgraded once both parents are in") {
    const auto map = fleet::test::merged_graph();
    CHECK(up(map, "head", {}) == Ids{"upgrade 0a0a0a", "upgrade 1b1b1b", "upgrade 4e4e4e",
                                     "upgrade 5f5f5f", "upgrade 2c2c2c", "upgrade 3d3d3d",
                                     "upgrade 6a6a6a"});
    CHECK(up(map, "head", {"3d3d3d", "5f5f5f"}) == Ids{"upgrade 6a6a6a"});
    CHECK(down(map, "2c2c2c", {"6a6a6a"}) == Ids{"downgrade 6a6a6a", "downgrade 3d3d3d"});
    CHECK(down(map, "base", {"6a6a6a"}).size() == 7);
    CHECK_THROWS_WITH_AS(down(map, "-1", {"6a6a6a"}), "Ambiguous walk", fleet::RevisionError);
    CHECK_THROWS_WITH_AS(down(map, "left@-1", {"6a6a6a"}), "Ambiguous walk", fleet::RevisionError);
}

TEST_CASE("depends_on pulls a revision of another root in first") {
    const auto map = fleet::test::two_roots_graph();
    CHECK(up(map, "net@head", {}) == Ids{"upgrade a0a0a0", "upgrade a1a1a1", "upgrade b0b0b0",
                                         "upgrade b1b1b1", "upgrade b2b2b2"});
    CHECK(up(map, "app@head", {"b2b2b2"}) == Ids{"upgrade a2a2a2"});
    CHECK(up(map, "heads", {"b0b0b0"}) == Ids{"upgrade a0a0a0", "upgrade a1a1a1", "upgrade b1b1b1",
                                              "upgrade b2b2b2", "upgrade a2a2a2"});
    CHECK(down(map, "app@base", {"a2a2a2", "b2b2b2"}) == Ids{"downgrade a2a2a2", "downgrade b2b2b2",
                                                             "downgrade b1b1b1", "downgrade a1a1a1",
                                                             "downgrade a0a0a0"});
    CHECK(down(map, "net@-1", {"a2a2a2", "b2b2b2"}) == Ids{"downgrade b2b2b2"});
    CHECK(down(map, "a1a1a1", {"a2a2a2", "b1b1b1"}) == Ids{"downgrade a2a2a2"});
    CHECK(down(map, "b0b0b0", {"b2b2b2"}) == Ids{"downgrade b2b2b2", "downgrade b1b1b1"});
    CHECK(up(map, "app@+1", {"b1b1b1"}) == Ids{"upgrade a2a2a2"});
}

TEST_CASE("stamp moves version rows up, down, or onto a new branch") {
    SUBCASE("a linear history") {
        const auto map = fleet::test::linear_graph();
        CHECK(stamp(map, {"head"}, {"3c4d5e"}) == Ids{"stamp 3c4d5e -> 4d5e6f up"});
        CHECK(stamp(map, {"2b3c"}, {"4d5e6f"}) == Ids{"stamp 4d5e6f -> 2b3c4d down"});
        CHECK(stamp(map, {"base"}, {"2b3c4d"}) == Ids{"stamp 2b3c4d ->  down branch"});
        CHECK(stamp(map, {}, {"2b3c4d"}) == Ids{"stamp 2b3c4d ->  down branch"});
        CHECK(stamp(map, {"2b3c4d"}, {}) == Ids{"stamp  -> 2b3c4d up branch"});
        CHECK(stamp(map, {"2b3c4d"}, {"2b3c4d"}).empty());
    }
    SUBCASE("branches") {
        const auto map = fleet::test::branched_graph();
        CHECK(stamp(map, {"left@head", "right@head"}, {"5f5f5f"}) ==
              Ids{"stamp  -> 3d3d3d up branch"});
        CHECK(stamp(map, {"1b1b"}, {"3d3d3d", "5f5f5f"}) ==
              Ids{"stamp 3d3d3d, 5f5f5f -> 1b1b1b down"});
        CHECK(stamp(map, {"base"}, {"3d3d3d", "5f5f5f"}) ==
              Ids{"stamp 3d3d3d ->  down branch", "stamp 5f5f5f ->  down branch"});
    }
    SUBCASE("a merge") {
        const auto map = fleet::test::merged_graph();
        CHECK(stamp(map, {"3d3d3d", "5f5f5f"}, {"6a6a6a"}, true) ==
              Ids{"stamp  -> 3d3d3d up branch", "stamp  -> 5f5f5f up branch"});
        CHECK(stamp(map, {"6a6a6a"}, {"3d3d3d", "5f5f5f"}) ==
              Ids{"stamp 3d3d3d, 5f5f5f -> 6a6a6a up"});
    }
    SUBCASE("errors") {
        const auto map = fleet::test::branched_graph();
        CHECK_THROWS_WITH_AS(stamp(map, {"head"}, {}),
                             "Multiple heads are present; please specify a single target revision",
                             revision::MultipleHeads);
        CHECK_THROWS_WITH_AS(stamp(map, {"zzzzzz"}, {"3d3d3d"}),
                             "Can't locate revision identified by 'zzzzzz'",
                             revision::ResolutionError);
        // A walk that ends just below the root: Alembic fails an assertion.
        CHECK_THROWS_AS(stamp(map, {"left@-4"}, {}), fleet::RevisionError);
    }
}

TEST_CASE("each step says what it runs, in Alembic's words") {
    const auto map = fleet::test::merged_graph();
    auto steps = plan_upgrade(map, "head", {"3d3d3d", "5f5f5f"});
    REQUIRE(steps.size() == 1);
    const auto& merge = steps[0];
    CHECK(merge.is_upgrade());
    CHECK_FALSE(merge.is_stamp());
    CHECK(merge.revision()->id == "6a6a6a");
    CHECK(merge.name() == "upgrade");
    CHECK(merge.short_log() == "upgrade 3d3d3d, 5f5f5f -> 6a6a6a");
    CHECK(merge.describe() == "upgrade 3d3d3d, 5f5f5f -> 6a6a6a, msg 6a6a6a");
    CHECK(merge.from_revisions() == Ids{"3d3d3d", "5f5f5f"});
    CHECK(merge.to_revisions() == Ids{"6a6a6a"});

    auto first = plan_upgrade(map, "+1", {});
    CHECK(first[0].short_log() == "upgrade  -> 0a0a0a");
    auto undo = plan_downgrade(map, "-1", {"1b1b1b"});
    CHECK(undo[0].describe() == "downgrade 1b1b1b -> 0a0a0a, msg 1b1b1b");
    CHECK(undo[0].is_downgrade());

    auto stamps = plan_stamp(map, {"6a6a6a"}, {});
    CHECK(stamps[0].name() == "stamp_revision");
    CHECK(stamps[0].short_log() == "stamp_revision  -> 6a6a6a");
    CHECK(stamps[0].describe() == "stamp_revision  -> 6a6a6a");
    CHECK(stamps[0].revision() == nullptr);

    const auto roots = fleet::test::two_roots_graph();
    auto with_dep = plan_upgrade(roots, "b1b1b1", {"a1a1a1", "b0b0b0"});
    REQUIRE(with_dep.size() == 1);
    CHECK(with_dep[0].from_revisions() == Ids{"b0b0b0", "a1a1a1"});
    CHECK(with_dep[0].from_revisions_no_deps() == Ids{"b0b0b0"});
    CHECK(with_dep[0].short_log() == "upgrade b0b0b0 -> b1b1b1");
}

TEST_CASE("a multi-paragraph message shows its first paragraph") {
    auto revs = fleet::test::revisions_of({{"aaaa1111"}});
    revs[0].message = "add accounts\nand more\n\nRevision ID: aaaa1111";
    const revision::RevisionMap map(revs);
    auto steps = plan_upgrade(map, "head", {});
    CHECK(steps[0].doc() == "add accounts\nand more");
    CHECK(steps[0].describe() == "upgrade  -> aaaa1111, add accounts\nand more");
}
