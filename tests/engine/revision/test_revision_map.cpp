// Linking the graph: heads and bases, inherited branch labels, depends_on,
// and every error the constructor throws. Expected values are Alembic 1.8.1's.
#include "engine/revision/revision_error.hpp"
#include "engine/revision/revision_map.hpp"
#include "tests/engine/revision/graphs.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace fleet::engine::revision;
using fleet::test::Ids;
using fleet::test::map_of;

namespace {
Ids sorted(Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}
} // namespace

TEST_CASE("a linear history has one head and one base") {
    const auto map = fleet::test::linear_graph();
    CHECK(map.heads() == Ids{"4d5e6f"});
    CHECK(map.bases() == Ids{"1a2b3c"});
    CHECK(map.real_heads() == Ids{"4d5e6f"});
    CHECK(map.real_bases() == Ids{"1a2b3c"});
    CHECK(map.find("2b3c4d")->nextrev == Ids{"3c4d5e"});
    CHECK(map.find("2b3c") == nullptr); // find takes full ids only
    CHECK(map.revisions().size() == 4);
}

TEST_CASE("heads and bases keep the load order, as Alembic's do") {
    const auto map =
        map_of({{"ffff01"}, {"aaaa01", {"ffff01"}}, {"0000aa"}, {"bbbb01", {"ffff01"}}});
    CHECK(map.heads() == Ids{"aaaa01", "0000aa", "bbbb01"});
    CHECK(map.bases() == Ids{"ffff01", "0000aa"});
    CHECK(map.find("ffff01")->is_branch_point());
    CHECK(map.find("ffff01")->nextrev == Ids{"aaaa01", "bbbb01"});
}

TEST_CASE("a branch label reaches the revisions above it and the straight line below it") {
    SUBCASE("labels stop at the branch point") {
        const auto map = fleet::test::branched_graph();
        CHECK(map.find("0a0a0a")->all_branch_labels.empty());
        CHECK(map.find("1b1b1b")->all_branch_labels.empty());
        CHECK(map.find("2c2c2c")->all_branch_labels == Ids{"left"});
        CHECK(map.find("3d3d3d")->all_branch_labels == Ids{"left"});
        CHECK(map.find("4e4e4e")->all_branch_labels == Ids{"right"});
        CHECK(map.find("5f5f5f")->all_branch_labels == Ids{"right"});
    }
    SUBCASE("on a straight line the label reaches the root too") {
        const auto map =
            map_of({{"c0c0c0"}, {"c1c1c1", {"c0c0c0"}, {}, {"mid"}}, {"c2c2c2", {"c1c1c1"}}});
        for (const char* id : {"c0c0c0", "c1c1c1", "c2c2c2"})
            CHECK(map.find(id)->all_branch_labels == Ids{"mid"});
        CHECK(map.find("c1c1c1")->branch_labels == Ids{"mid"}); // declared ones stay as declared
    }
    SUBCASE("a merge point stops the walk down") {
        const auto map = fleet::test::merged_graph();
        CHECK(map.find("6a6a6a")->all_branch_labels.size() == 2);
        CHECK(map.find("6a6a6a")->has_branch_label("left"));
        CHECK(map.find("6a6a6a")->has_branch_label("right"));
        CHECK(map.find("1b1b1b")->all_branch_labels.empty());
    }
}

TEST_CASE("depends_on resolves ids, branch labels and unique prefixes") {
    SUBCASE("a full id") {
        const auto map = fleet::test::two_roots_graph();
        const auto* b1 = map.find("b1b1b1");
        CHECK(b1->dependencies == Ids{"a1a1a1"});
        CHECK(b1->normalized_dependencies == Ids{"a1a1a1"});
        CHECK(b1->all_down_revisions() == Ids{"b0b0b0", "a1a1a1"});
        CHECK(map.find("a1a1a1")->dependents == Ids{"b1b1b1"});
        CHECK(map.find("a1a1a1")->all_nextrev == Ids{"a2a2a2", "b1b1b1"});
        CHECK(map.find("a1a1a1")->nextrev == Ids{"a2a2a2"});
        CHECK(map.find("a1a1a1")->is_real_branch_point());
        CHECK_FALSE(map.find("a1a1a1")->is_branch_point());
        CHECK(map.heads() == Ids{"a2a2a2", "b2b2b2"});
        CHECK(map.bases() == Ids{"a0a0a0", "b0b0b0"});
    }
    SUBCASE("a branch label names the revision that declares it") {
        const auto map = map_of({{"aaaa"}, {"bbbb", {"aaaa"}, {}, {"lib"}}, {"cccc", {}, {"lib"}}});
        CHECK(map.find("cccc")->dependencies == Ids{"bbbb"});
        // cccc has no down_revision, so it is a base, but not a real one.
        CHECK(map.bases() == Ids{"aaaa", "cccc"});
        CHECK(map.real_bases() == Ids{"aaaa"});
    }
    SUBCASE("a unique prefix (fleet accepts it; Alembic writes full ids)") {
        const auto map = map_of({{"aaaa1111"}, {"bbbb2222", {}, {"aaaa"}}});
        CHECK(map.find("bbbb2222")->dependencies == Ids{"aaaa1111"});
    }
    SUBCASE("a dependency an ancestor already has is normalized away") {
        // Alembic drops what an ancestor depends on, not what is an ancestor:
        // dddd keeps aaaa although bbbb (which it loses) stands on aaaa.
        const auto map = map_of({{"aaaa"},
                                 {"bbbb", {"aaaa"}},
                                 {"xxxx"},
                                 {"cccc", {"xxxx"}, {"bbbb"}},
                                 {"dddd", {"cccc"}, {"bbbb", "aaaa"}},
                                 {"eeee", {"dddd"}, {"aaaa"}}});
        CHECK(map.find("cccc")->normalized_dependencies == Ids{"bbbb"});
        CHECK(map.find("dddd")->normalized_dependencies == Ids{"aaaa"});
        CHECK(map.find("eeee")->normalized_dependencies.empty());
        CHECK(map.find("dddd")->normalized_down_revisions() == Ids{"cccc", "aaaa"});
        CHECK(map.heads() == Ids{"bbbb", "eeee"});
        CHECK(map.real_heads() == Ids{"eeee"});
    }
}

TEST_CASE("what the caller fills in for the map is recomputed") {
    auto revs = fleet::test::revisions_of({{"aaaa"}, {"bbbb", {"aaaa"}}});
    revs[0].nextrev = {"zzzz"};
    revs[1].all_branch_labels = {"bogus"};
    const RevisionMap map(revs);
    CHECK(map.find("aaaa")->nextrev == Ids{"bbbb"});
    CHECK(map.find("bbbb")->all_branch_labels.empty());
}

TEST_CASE("an empty map has no heads and no bases") {
    const RevisionMap map({});
    CHECK(map.heads().empty());
    CHECK(map.bases().empty());
    CHECK(map.get_current_head().empty());
    CHECK(map.get_revisions("heads").empty());
    CHECK(map.get_revision("head") == nullptr);
}

TEST_CASE("a broken graph is refused with Alembic's error") {
    SUBCASE("a revision naming itself as down_revision") {
        CHECK_THROWS_WITH_AS(map_of({{"aaaa"}, {"bbbb", {"aaaa", "bbbb"}}}),
                             "Self-loop is detected in revisions (bbbb); files: versions/bbbb.sql",
                             LoopDetected);
    }
    SUBCASE("a revision depending on itself") {
        CHECK_THROWS_WITH_AS(
            map_of({{"aaaa"}, {"bbbb", {"aaaa"}, {"bbbb"}}}),
            "Dependency self-loop is detected in revisions (bbbb); files: versions/bbbb.sql",
            DependencyLoopDetected);
        CHECK_THROWS_AS(map_of({{"bbbb", {}, {"bbbb"}}}), DependencyCycleDetected);
    }
    SUBCASE("a cycle with no way out") {
        CHECK_THROWS_WITH_AS(
            map_of({{"aaaa", {"cccc"}}, {"bbbb", {"aaaa"}}, {"cccc", {"bbbb"}}}),
            "Cycle is detected in revisions (aaaa, bbbb, cccc); files: versions/aaaa.sql, "
            "versions/bbbb.sql, versions/cccc.sql",
            CycleDetected);
    }
    SUBCASE("a cycle through depends_on") {
        CHECK_THROWS_WITH_AS(
            map_of({{"aaaa", {}, {"cccc"}}, {"bbbb", {"aaaa"}}, {"cccc", {"bbbb"}}}),
            "Dependency cycle is detected in revisions (aaaa, bbbb, cccc); files: "
            "versions/aaaa.sql, "
            "versions/bbbb.sql, versions/cccc.sql",
            DependencyCycleDetected);
    }
    SUBCASE("a cycle on a path from a head to a base") {
        // Alembic misses this one and then orders the revisions wrongly, or
        // loops forever; fleet refuses the graph.
        CHECK_THROWS_WITH_AS(
            map_of({{"r000"},
                    {"aaaa", {"r000"}},
                    {"bbbb", {"aaaa", "dddd"}},
                    {"cccc", {"bbbb"}},
                    {"dddd", {"cccc"}},
                    {"hhhh", {"cccc"}}}),
            "Cycle is detected in revisions (bbbb, cccc, dddd); files: versions/bbbb.sql, "
            "versions/cccc.sql, versions/dddd.sql",
            CycleDetected);
    }
    SUBCASE("an identifier with a character Alembic reserves") {
        CHECK_THROWS_WITH_AS(map_of({{"aa-b+c@"}}),
                             "Character(s) '+, -, @' not allowed in revision identifier 'aa-b+c@'",
                             fleet::RevisionError);
    }
    SUBCASE("a revision present twice, naming both files") {
        CHECK_THROWS_WITH_AS(map_of({{"aaaa"}, {"bbbb", {"aaaa"}}, {"aaaa"}}),
                             "Revision aaaa is present more than once (versions/aaaa.sql and "
                             "versions/aaaa.sql)",
                             fleet::RevisionError);
    }
    SUBCASE("a down_revision that is not there, naming the revision and its file") {
        CHECK_THROWS_WITH_AS(
            map_of({{"aaaa"}, {"bbbb", {"ffff"}}}),
            "Revision ffff referenced from bbbb (versions/bbbb.sql) is not present",
            fleet::RevisionError);
    }
    SUBCASE("a dependency that is not there") {
        CHECK_THROWS_WITH_AS(map_of({{"aaaa"}, {"bbbb", {"aaaa"}, {"eeee0000"}}}),
                             "Revision eeee0000 referenced from bbbb (versions/bbbb.sql) as a "
                             "dependency is not present",
                             fleet::RevisionError);
    }
    SUBCASE("an ambiguous dependency prefix") {
        CHECK_THROWS_WITH_AS(map_of({{"aaaa11"}, {"aaaa22"}, {"bbbb", {}, {"aaaa"}}}),
                             "Revision aaaa referenced from bbbb (versions/bbbb.sql) as a "
                             "dependency is ambiguous",
                             fleet::RevisionError);
    }
    SUBCASE("a branch label used twice") {
        CHECK_THROWS_WITH_AS(map_of({{"aaaa", {}, {}, {"x"}}, {"bbbb", {"aaaa"}, {}, {"x"}}}),
                             "Branch name 'x' in revision bbbb already used by revision aaaa",
                             fleet::RevisionError);
    }
    SUBCASE("a branch label equal to a revision id") {
        CHECK_THROWS_WITH_AS(map_of({{"aaaa"}, {"bbbb", {"aaaa"}, {}, {"aaaa"}}}),
                             "Branch name 'aaaa' in revision bbbb already used by revision aaaa",
                             fleet::RevisionError);
    }
    SUBCASE("a revision without an id") { CHECK_THROWS_AS(map_of({{""}}), fleet::RevisionError); }
}

TEST_CASE("revision errors end the command line with exit code 2") {
    try {
        map_of({{"aaaa", {"aaaa"}}});
        FAIL("expected an error");
    } catch (const fleet::Error& e) {
        CHECK(e.exit_code() == fleet::ExitCode::bad_input);
    }
}

TEST_CASE("ancestors and descendants follow depends_on when asked") {
    const auto map = fleet::test::two_roots_graph();
    const auto* a1 = map.find("a1a1a1");
    CHECK(sorted(fleet::test::ids_of(map.get_descendant_nodes({a1}))) ==
          Ids{"a1a1a1", "a2a2a2", "b1b1b1", "b2b2b2"});
    CHECK(sorted(fleet::test::ids_of(map.get_descendant_nodes({a1}, false))) ==
          Ids{"a1a1a1", "a2a2a2"});
    const auto* b2 = map.find("b2b2b2");
    CHECK(sorted(fleet::test::ids_of(map.get_ancestor_nodes({b2}))) ==
          Ids{"a0a0a0", "a1a1a1", "b0b0b0", "b1b1b1", "b2b2b2"});
    CHECK(sorted(fleet::test::ids_of(map.get_ancestor_nodes({b2}, false))) ==
          Ids{"b0b0b0", "b1b1b1", "b2b2b2"});
}

TEST_CASE("members that take revisions accept only the map's own") {
    const auto map = fleet::test::linear_graph();
    const auto other = fleet::test::linear_graph();
    CHECK_THROWS_WITH_AS(map.get_ancestor_nodes({other.find("2b3c4d")}),
                         "Revision 2b3c4d is not a revision of this map", fleet::RevisionError);
    CHECK_THROWS_AS(map.get_descendant_nodes({nullptr}), fleet::RevisionError);
    CHECK_THROWS_AS(
        map.filter_for_lineage(std::vector<const Revision*>{other.find("2b3c4d")}, "head"),
        fleet::RevisionError);
    // A copy is a map of its own.
    const RevisionMap copy = map;
    CHECK(fleet::test::ids_of(copy.get_ancestor_nodes({copy.find("2b3c4d")})).size() == 2);
}
