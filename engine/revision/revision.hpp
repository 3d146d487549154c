#pragma once

#include <algorithm>
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
    std::vector<std::string> dependencies;      // depends_on resolved to full ids
    std::vector<std::string> all_branch_labels; // declared plus inherited along the branch
    std::vector<std::string> nextrev;           // children through down_revision
    std::vector<std::string> dependents;        // revisions whose depends_on names this one
    // Alembic's _normalized_resolved_dependencies: dependencies minus those an
    // ancestor (through down_revision) already depends on.
    std::vector<std::string> normalized_dependencies;
    // Alembic's _all_nextrev: children through down_revision or depends_on.
    std::vector<std::string> all_nextrev;

    // Alembic's predicates, over the linked graph.
    bool is_base() const { return down_revisions.empty(); }
    bool is_head() const { return nextrev.empty(); }
    bool is_merge_point() const { return down_revisions.size() > 1; }
    bool is_branch_point() const { return nextrev.size() > 1; }
    // The "real" forms count depends_on edges too.
    bool is_real_base() const { return down_revisions.empty() && depends_on.empty(); }
    bool is_real_head() const { return all_nextrev.empty(); }
    bool is_real_branch_point() const { return all_nextrev.size() > 1; }
    bool has_branch_label(const std::string& label) const {
        return std::find(all_branch_labels.begin(), all_branch_labels.end(), label) !=
               all_branch_labels.end();
    }

    // Alembic's _all_down_revisions: down_revisions then dependencies, deduplicated.
    std::vector<std::string> all_down_revisions() const {
        return joined(down_revisions, dependencies);
    }
    // Alembic's _normalized_down_revisions: down_revisions then
    // normalized_dependencies, deduplicated. What a step moves the version from.
    std::vector<std::string> normalized_down_revisions() const {
        return joined(down_revisions, normalized_dependencies);
    }

  private:
    static std::vector<std::string> joined(const std::vector<std::string>& a,
                                           const std::vector<std::string>& b) {
        std::vector<std::string> out;
        for (const auto* part : {&a, &b})
            for (const auto& id : *part)
                if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
        return out;
    }
};

} // namespace fleet::engine::revision
