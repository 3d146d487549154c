// The version-table writes each step makes: Alembic 1.8.1's
// HeadMaintainer.update_to_step, checked on the same graphs and heads. Where
// Alembic picks rows from a Python set (which merged row is updated, which
// unmerged row is inserted) its choice varies from run to run; fleet takes
// the declared order, and the rows left are the same either way.
#include "engine/error.hpp"
#include "engine/runtime/head_maintainer.hpp"
#include "engine/runtime/migration_plan.hpp"
#include "tests/engine/revision/graphs.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace fleet::engine;
using namespace fleet::engine::runtime;
using fleet::test::Ids;

namespace {

std::string text(const VersionChange& change) {
    switch (change.kind) {
    case VersionChange::Kind::insert:
        return "insert " + change.to;
    case VersionChange::Kind::remove:
        return "remove " + change.from;
    case VersionChange::Kind::update:
        return "update " + change.from + " -> " + change.to;
    }
    return {};
}

struct Run {
    Ids writes; // every write of every step, in order
    Ids heads;  // sorted, after the last step
};

Run run(const std::vector<MigrationStep>& steps, Ids heads) {
    HeadMaintainer maintainer(std::move(heads));
    Run out;
    for (const auto& step : steps)
        for (const auto& change : maintainer.update_to_step(step))
            out.writes.push_back(text(change));
    out.heads = maintainer.heads();
    std::sort(out.heads.begin(), out.heads.end());
    return out;
}

Run upgrade(const revision::RevisionMap& map, std::string_view dest, const Ids& heads) {
    return run(plan_upgrade(map, dest, heads), heads);
}
Run downgrade(const revision::RevisionMap& map, std::string_view dest, const Ids& heads) {
    return run(plan_downgrade(map, dest, heads), heads);
}
Run maintained_stamp(const revision::RevisionMap& map, const Ids& dests, const Ids& heads,
                     bool purge = false) {
    return run(plan_stamp(map, dests, heads, purge), purge ? Ids{} : heads);
}

} // namespace

TEST_CASE("a linear history inserts the first row and then moves it") {
    const auto map = fleet::test::linear_graph();
    auto up = upgrade(map, "+2", {});
    CHECK(up.writes == Ids{"insert 1a2b3c", "update 1a2b3c -> 2b3c4d"});
    CHECK(up.heads == Ids{"2b3c4d"});
    auto down = downgrade(map, "base", {"3c4d5e"});
    CHECK(down.writes ==
          Ids{"update 3c4d5e -> 2b3c4d", "update 2b3c4d -> 1a2b3c", "remove 1a2b3c"});
    CHECK(down.heads.empty());
}

TEST_CASE("a branch gets its own row and loses it at the branch point") {
    const auto map = fleet::test::branched_graph();
    SUBCASE("upgrading a second branch inserts a row") {
        auto up = upgrade(map, "right@+1", {"3d3d3d"});
        CHECK(up.writes == Ids{"insert 4e4e4e"});
        CHECK(up.heads == Ids{"3d3d3d", "4e4e4e"});
    }
    SUBCASE("upgrading both branches from nothing") {
        auto up = upgrade(map, "heads", {});
        CHECK(up.writes == Ids{"insert 0a0a0a", "update 0a0a0a -> 1b1b1b",
                               "update 1b1b1b -> 4e4e4e", "update 4e4e4e -> 5f5f5f",
                               "insert 2c2c2c", "update 2c2c2c -> 3d3d3d"});
        CHECK(up.heads == Ids{"3d3d3d", "5f5f5f"});
    }
    SUBCASE("downgrading a branch to a point another head implies deletes its row") {
        auto down = downgrade(map, "right@base", {"2c2c2c", "5f5f5f"});
        CHECK(down.writes == Ids{"remove 2c2c2c", "update 5f5f5f -> 4e4e4e",
                                 "update 4e4e4e -> 1b1b1b", "update 1b1b1b -> 0a0a0a",
                                 "remove 0a0a0a"});
        CHECK(down.heads.empty());
    }
}

TEST_CASE("a merge deletes all rows but one and moves that one") {
    const auto map = fleet::test::merged_graph();
    auto up = upgrade(map, "head", {"3d3d3d", "5f5f5f"});
    CHECK(up.writes == Ids{"remove 3d3d3d", "update 5f5f5f -> 6a6a6a"});
    CHECK(up.heads == Ids{"6a6a6a"});
    auto down = downgrade(map, "2c2c2c", {"6a6a6a"});
    CHECK(down.writes ==
          Ids{"insert 3d3d3d", "update 6a6a6a -> 5f5f5f", "update 3d3d3d -> 2c2c2c"});
    CHECK(down.heads == Ids{"2c2c2c", "5f5f5f"});
}

TEST_CASE("depends_on turns into merges and unmerges of version rows") {
    SUBCASE("two roots") {
        const auto map = fleet::test::two_roots_graph();
        auto up = upgrade(map, "heads", {"b0b0b0"});
        CHECK(up.writes == Ids{"insert a0a0a0", "update a0a0a0 -> a1a1a1", "remove b0b0b0",
                               "update a1a1a1 -> b1b1b1", "update b1b1b1 -> b2b2b2",
                               "insert a2a2a2"});
        CHECK(up.heads == Ids{"a2a2a2", "b2b2b2"});
        auto down = downgrade(map, "b0b0b0", {"b2b2b2"});
        CHECK(down.writes ==
              Ids{"update b2b2b2 -> b1b1b1", "insert b0b0b0", "update b1b1b1 -> a1a1a1"});
        CHECK(down.heads == Ids{"a1a1a1", "b0b0b0"});
    }
    SUBCASE("a dependency an ancestor already has") {
        const auto map = fleet::test::map_of({{"aaaa"},
                                              {"bbbb", {"aaaa"}},
                                              {"xxxx"},
                                              {"cccc", {"xxxx"}, {"bbbb"}},
                                              {"dddd", {"cccc"}, {"bbbb", "aaaa"}},
                                              {"eeee", {"dddd"}, {"aaaa"}}});
        auto up = upgrade(map, "heads", {});
        CHECK(up.heads == Ids{"eeee"});
        // Downgrading dddd brings back aaaa, as Alembic does: it moves from
        // its normalized down revisions, (cccc, aaaa).
        auto down = downgrade(map, "base", {"eeee"});
        CHECK(down.writes == Ids{"update eeee -> dddd", "insert cccc", "update dddd -> aaaa",
                                 "insert xxxx", "update cccc -> bbbb", "remove xxxx", "remove bbbb",
                                 "remove aaaa"});
        CHECK(down.heads.empty());
    }
}

TEST_CASE("stamp steps write rows without running anything") {
    const auto map = fleet::test::branched_graph();
    CHECK(maintained_stamp(map, {"1b1b"}, {"3d3d3d", "5f5f5f"}).writes ==
          Ids{"remove 3d3d3d", "update 5f5f5f -> 1b1b1b"});
    CHECK(maintained_stamp(map, {"left@head", "right@head"}, {"5f5f5f"}).writes ==
          Ids{"insert 3d3d3d"});
    CHECK(maintained_stamp(map, {"base"}, {"3d3d3d", "5f5f5f"}).writes ==
          Ids{"remove 3d3d3d", "remove 5f5f5f"});
    CHECK(maintained_stamp(map, {"3d3d3d"}, {"2c2c2c"}).writes == Ids{"update 2c2c2c -> 3d3d3d"});
    auto purged = maintained_stamp(map, {"3d3d3d", "5f5f5f"}, {"0a0a0a"}, true);
    CHECK(purged.writes == Ids{"insert 3d3d3d", "insert 5f5f5f"});
    CHECK(purged.heads == Ids{"3d3d3d", "5f5f5f"});
    const auto merged = fleet::test::merged_graph();
    CHECK(maintained_stamp(merged, {"6a6a6a"}, {"3d3d3d", "5f5f5f"}).writes ==
          Ids{"remove 3d3d3d", "update 5f5f5f -> 6a6a6a"});
}

TEST_CASE("heads keep their order; duplicates count once") {
    const auto map = fleet::test::branched_graph();
    HeadMaintainer maintainer({"5f5f5f", "2c2c2c", "5f5f5f"});
    CHECK(maintainer.heads() == Ids{"5f5f5f", "2c2c2c"});
    auto steps = plan_upgrade(map, "heads", {"5f5f5f", "2c2c2c"});
    REQUIRE(steps.size() == 1);
    auto changes = maintainer.update_to_step(steps[0]);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0] == VersionChange{VersionChange::Kind::update, "2c2c2c", "3d3d3d"});
    CHECK(maintainer.heads() == Ids{"5f5f5f", "3d3d3d"});
}

TEST_CASE("a step the heads contradict is an error, not a bad write") {
    const auto map = fleet::test::branched_graph();
    SUBCASE("inserting a row already there") {
        HeadMaintainer maintainer({"0a0a0a"});
        CHECK_THROWS_WITH_AS(
            maintainer.update_to_step(MigrationStep::upgrade(map, *map.find("0a0a0a"))),
            "Can't insert version '0a0a0a': it is already a head", fleet::RevisionError);
        CHECK(maintainer.heads() == Ids{"0a0a0a"});
    }
    SUBCASE("moving a row that is not there") {
        HeadMaintainer maintainer({"5f5f5f"});
        CHECK_THROWS_WITH_AS(
            maintainer.update_to_step(MigrationStep::downgrade(map, *map.find("3d3d3d"))),
            "Can't update version '3d3d3d' to '2c2c2c': '3d3d3d' is not a head",
            fleet::RevisionError);
    }
    SUBCASE("moving a row onto one already there") {
        HeadMaintainer maintainer({"2c2c2c", "3d3d3d"});
        CHECK_THROWS_WITH_AS(
            maintainer.update_to_step(MigrationStep::upgrade(map, *map.find("3d3d3d"))),
            "Can't update version '2c2c2c' to '3d3d3d': '3d3d3d' is already a head",
            fleet::RevisionError);
    }
    SUBCASE("a stamp onto a row already there") {
        HeadMaintainer maintainer({"3d3d3d"});
        CHECK_THROWS_AS(
            maintainer.update_to_step(MigrationStep::stamp(map, {}, {"3d3d3d"}, true, true)),
            fleet::RevisionError);
    }
    SUBCASE("an update whose down revision is ambiguous") {
        const auto merged = fleet::test::merged_graph();
        // Downgrading a merge point that is not a head (Alembic's assert).
        HeadMaintainer maintainer({"1b1b1b"});
        CHECK_THROWS_WITH_AS(
            maintainer.update_to_step(MigrationStep::downgrade(merged, *merged.find("6a6a6a"))),
            "Can't do an UPDATE for downgrade 6a6a6a -> 3d3d3d, 5f5f5f because "
            "downrevision is ambiguous",
            fleet::RevisionError);
    }
}

TEST_CASE("the should_* answers follow Alembic's RevisionStep and StampStep") {
    const auto map = fleet::test::merged_graph();
    const auto merge = MigrationStep::upgrade(map, *map.find("6a6a6a"));
    CHECK(merge.should_merge_branches({"3d3d3d", "5f5f5f"}));
    CHECK_FALSE(merge.should_merge_branches({"3d3d3d"}));
    CHECK(merge.should_create_branch({"0a0a0a"}));
    CHECK_FALSE(merge.should_create_branch({"3d3d3d"}));
    const auto unmerge = MigrationStep::downgrade(map, *map.find("6a6a6a"));
    CHECK(unmerge.should_unmerge_branches({"6a6a6a"}));
    CHECK_FALSE(unmerge.should_delete_branch({"6a6a6a"}));
    auto idents = unmerge.unmerge_branch_idents({"6a6a6a"});
    CHECK(idents.update_from == "6a6a6a");
    CHECK(idents.update_to == "5f5f5f");
    CHECK(idents.inserts == Ids{"3d3d3d"});
    const auto root = MigrationStep::downgrade(map, *map.find("0a0a0a"));
    CHECK(root.should_delete_branch({"0a0a0a"}));
    CHECK_FALSE(root.should_delete_branch({"1b1b1b"}));

    const auto stamp_up = MigrationStep::stamp(map, {"1b1b1b"}, {"3d3d3d"}, true, false);
    CHECK_FALSE(stamp_up.should_create_branch({"1b1b1b"}));
    CHECK(stamp_up.should_create_branch({"5f5f5f"})); // its from row is not there
    CHECK(stamp_up.update_version_num({"1b1b1b"}) ==
          std::pair<std::string, std::string>{"1b1b1b", "3d3d3d"});
    const auto stamp_base = MigrationStep::stamp(map, {"3d3d3d"}, {}, false, true);
    CHECK(stamp_base.should_delete_branch({"3d3d3d"}));
    CHECK(stamp_base.delete_version_num() == "3d3d3d");
    CHECK(MigrationStep::stamp(map, {"a", "b"}, {"c"}, true, false).should_merge_branches({}));
    CHECK(MigrationStep::stamp(map, {"c"}, {"a", "b"}, false, false).should_unmerge_branches({}));
    CHECK(stamp_up == MigrationStep::stamp(map, {"1b1b1b"}, {"3d3d3d"}, true, false));
    CHECK_FALSE(stamp_up == stamp_base);
    CHECK(merge == MigrationStep::upgrade(map, *map.find("6a6a6a")));
    CHECK_FALSE(merge == unmerge);
}

TEST_CASE("row count failures are worded as Alembic words them") {
    CHECK(row_count_message({VersionChange::Kind::remove, "ae1", ""}, "alembic_version", 0) ==
          "Online migration expected to match one row when deleting 'ae1' in 'alembic_version'; "
          "0 found");
    CHECK(row_count_message({VersionChange::Kind::update, "ae1", "be2"}, "alembic_version", 2) ==
          "Online migration expected to match one row when updating 'ae1' to 'be2' in "
          "'alembic_version'; 2 found");
}

// Down revision 08270a with depends_on on two of its children (e2e seed
// 1335): the step's normalized down revisions hold 08270a and the children.
// Alembic's merge_branch_idents deletes every one of them unless another head
// implies it, so from rows {f59b00, 89a400} it fails on KeyError '08270a';
// which step order gets there depends on its load order. fleet merges only
// the down revisions that are rows; from {e26900, 89a400} both give the same.
TEST_CASE("a merge touches only the down revisions that are rows") {
    const auto map = fleet::test::map_of({{"7b7d00", {"08270a"}, {"f59b00", "89a400"}},
                                          {"08270a"},
                                          {"f59b00", {"08270a"}},
                                          {"89a400", {"08270a"}},
                                          {"e26900", {"f59b00"}}});
    SUBCASE("both children are rows (Alembic: KeyError)") {
        auto up = upgrade(map, "7b7d00", {"f59b00", "89a400"});
        CHECK(up.writes == Ids{"remove f59b00", "update 89a400 -> 7b7d00"});
        CHECK(up.heads == Ids{"7b7d00"});
    }
    SUBCASE("another head implies the root and one child (as Alembic)") {
        auto up = upgrade(map, "7b7d00", {"e26900", "89a400"});
        CHECK(up.writes == Ids{"update 89a400 -> 7b7d00"});
        CHECK(up.heads == Ids{"7b7d00", "e26900"});
    }
    SUBCASE("upgrade heads from nothing ends on Alembic's rows") {
        auto up = upgrade(map, "heads", {});
        CHECK(up.heads == Ids{"7b7d00", "e26900"});
    }
}

// d8 has down revision ac and depends_on e2 and b2, b2 an ancestor of e2
// (e2e seeds 937, 1366). Downgrading d8 when no other head implies b2,
// Alembic's _unmerge_to_revisions keeps b2: rows {ac, b2, e2}, b2 an ancestor
// of e2. fleet does the same (the e2e harness then sees fleet's rows differ
// only where fleet's load order, not Alembic's, leads there).
TEST_CASE("an unmerge keeps what Alembic keeps, even an ancestor of another row") {
    const auto map = fleet::test::map_of({{"b1"},
                                          {"c7", {"b1"}},
                                          {"b2", {"c7"}},
                                          {"e2", {"b2"}},
                                          {"ac", {"c7"}},
                                          {"d8", {"ac"}, {"e2", "b2"}}});
    SUBCASE("d8 the only row") {
        auto down = downgrade(map, "ac", {"d8"});
        // Which row is updated and which inserted: a Python set in Alembic.
        CHECK(down.heads == Ids{"ac", "b2", "e2"});
    }
    SUBCASE("another head implies e2 and b2") {
        auto down = downgrade(map, "ac", {"d8", "e2"});
        CHECK(down.writes == Ids{"update d8 -> ac"});
        CHECK(down.heads == Ids{"ac", "e2"});
    }
    SUBCASE("further down to c7") {
        auto down = downgrade(map, "c7", {"d8"});
        CHECK(down.heads == Ids{"c7"});
    }
}
