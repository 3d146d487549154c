#pragma once

#include "engine/revision/revision_map.hpp"

#include <initializer_list>
#include <string>
#include <vector>

// Small revision graphs for the revision and runtime tests. Every expected
// value in those tests was taken from Alembic 1.8.1 run on the same graph, in
// the same load order (tests/engine/revision/README.md says how).
namespace fleet::test {

struct RevSpec {
    std::string id;
    std::vector<std::string> down = {};
    std::vector<std::string> depends_on = {};
    std::vector<std::string> labels = {};
};

inline std::vector<engine::revision::Revision> revisions_of(std::initializer_list<RevSpec> specs) {
    std::vector<engine::revision::Revision> out;
    for (const auto& spec : specs) {
        engine::revision::Revision rev;
        rev.id = spec.id;
        rev.down_revisions = spec.down;
        rev.depends_on = spec.depends_on;
        rev.branch_labels = spec.labels;
        rev.message = "msg " + spec.id;
        rev.source = "versions/" + spec.id + ".sql";
        out.push_back(rev);
    }
    return out;
}

inline engine::revision::RevisionMap map_of(std::initializer_list<RevSpec> specs) {
    return engine::revision::RevisionMap(revisions_of(specs));
}

inline std::vector<std::string> ids_of(const std::vector<const engine::revision::Revision*>& revs) {
    std::vector<std::string> out;
    for (const auto* rev : revs)
        out.push_back(rev ? rev->id : std::string("<base>"));
    return out;
}

using Ids = std::vector<std::string>;

// 1a2b3c <- 2b3c4d <- 3c4d5e <- 4d5e6f
inline engine::revision::RevisionMap linear_graph() {
    return map_of(
        {{"1a2b3c"}, {"2b3c4d", {"1a2b3c"}}, {"3c4d5e", {"2b3c4d"}}, {"4d5e6f", {"3c4d5e"}}});
}

// 0a0a0a <- 1b1b1b, which branches into 2c2c2c (label "left") <- 3d3d3d and
// 4e4e4e (label "right") <- 5f5f5f.
inline engine::revision::RevisionMap branched_graph() {
    return map_of({{"0a0a0a"},
                   {"1b1b1b", {"0a0a0a"}},
                   {"2c2c2c", {"1b1b1b"}, {}, {"left"}},
                   {"3d3d3d", {"2c2c2c"}},
                   {"4e4e4e", {"1b1b1b"}, {}, {"right"}},
                   {"5f5f5f", {"4e4e4e"}}});
}

// branched_graph() with 6a6a6a merging 3d3d3d and 5f5f5f.
inline engine::revision::RevisionMap merged_graph() {
    return map_of({{"0a0a0a"},
                   {"1b1b1b", {"0a0a0a"}},
                   {"2c2c2c", {"1b1b1b"}, {}, {"left"}},
                   {"3d3d3d", {"2c2c2c"}},
                   {"4e4e4e", {"1b1b1b"}, {}, {"right"}},
                   {"5f5f5f", {"4e4e4e"}},
                   {"6a6a6a", {"3d3d3d", "5f5f5f"}}});
}

// Two roots: app (a0a0a0 <- a1a1a1 <- a2a2a2) and net (b0b0b0 <- b1b1b1 <-
// b2b2b2), where b1b1b1 depends on a1a1a1.
inline engine::revision::RevisionMap two_roots_graph() {
    return map_of({{"a0a0a0", {}, {}, {"app"}},
                   {"a1a1a1", {"a0a0a0"}},
                   {"a2a2a2", {"a1a1a1"}},
                   {"b0b0b0", {}, {}, {"net"}},
                   {"b1b1b1", {"b0b0b0"}, {"a1a1a1"}},
                   {"b2b2b2", {"b1b1b1"}}});
}

} // namespace fleet::test
