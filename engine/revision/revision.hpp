#pragma once

#include <string>
#include <vector>

namespace fleet::engine::revision {

// One node of the revision graph: what a revision file declares, plus what the
// RevisionMap works out when it links the graph. Graph data only; the
// migration bodies live in engine/script/script.hpp.
struct Revision {
    // Declared by the file.
    std::string id;
    std::vector<std::string> down_revisions; // empty: a root; several: a merge
    std::vector<std::string> depends_on;     // ids, unique prefixes or branch labels
    std::vector<std::string> branch_labels;  // the labels this file declares
    std::string message;                     // the doc line shown by history
    std::string source;                      // the file it came from, for errors

    // Filled in by RevisionMap when the graph is linked.
    std::vector<std::string> dependencies;   // depends_on resolved to full ids
    std::vector<std::string> all_branch_labels; // declared plus inherited along the branch
    std::vector<std::string> nextrev;        // children through down_revision
    std::vector<std::string> dependents;     // revisions whose depends_on names this one

    // Alembic's predicates, over the linked graph.
    bool is_base() const { return down_revisions.empty(); }
    bool is_head() const { return nextrev.empty(); }
    bool is_merge_point() const { return down_revisions.size() > 1; }
    bool is_branch_point() const { return nextrev.size() > 1; }
};

} // namespace fleet::engine::revision
