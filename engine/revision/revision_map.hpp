#pragma once

#include "engine/revision/revision.hpp"
#include "engine/revision/revision_arg.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fleet::engine::revision {

// The revision graph: Alembic's RevisionMap (alembic/script/revision.py),
// ported behaviour for behaviour. No I/O.
//
// Order matters and is kept: revisions are kept in the order given (Alembic's
// order of loading), and wherever Alembic's answer depends on that order
// (heads(), bases(), the order of steps from iterate_revisions) this map gives
// the same answer for the same load order. Where Alembic iterates a Python set
// whose order is arbitrary, this map uses load order or declaration order.
//
// Every error is a fleet::RevisionError from revision_error.hpp with Alembic's
// wording: these are the revision.py messages ("No such revision or branch
// 'zz'"); command_errors.hpp re-words them the way Alembic's commands print
// them ("Can't locate revision identified by 'zz'").
//
// Threads: the map does not change after construction; any number of threads
// may call its const members at once. Revision pointers it hands out point
// into the map and live as long as it does; members that take Revision
// pointers accept only this map's own (else RevisionError).
class RevisionMap {
  public:
    // One element of Alembic's get_revisions() tuple: a revision, the "base"
    // marker a downward walk yields below a root ("-1" from a root head), or
    // None (a walk that went too far). Alembic's callers treat the two apart.
    struct Resolved {
        const Revision* rev = nullptr;
        bool base = false;
        bool is_none() const { return rev == nullptr && !base; }
        static Resolved none() { return {}; }
        static Resolved base_marker() { return {nullptr, true}; }
        static Resolved of(const Revision* r) { return {r, false}; }
    };

    // Links the graph: resolves depends_on (full ids, branch labels or unique
    // prefixes) into Revision::dependencies, fills nextrev, dependents,
    // all_nextrev, normalized_dependencies and all_branch_labels.
    // Throws RevisionError for an id with '@', '-' or '+' in it, an id present
    // twice (naming both files), a down_revision or depends_on naming no
    // revision (naming the revision and its file), a branch label used twice
    // or equal to a revision id; LoopDetected / DependencyLoopDetected for a
    // revision naming itself; CycleDetected / DependencyCycleDetected naming the
    // revisions on a cycle.
    explicit RevisionMap(std::vector<Revision> revisions);

    // All revisions, in the order given to the constructor.
    const std::vector<Revision>& revisions() const { return m_revisions; }

    // The revision with exactly this id, or nullptr. No prefixes, no labels.
    const Revision* find(std::string_view full_id) const;

    // Alembic's RevisionMap.heads: revisions no down_revision points to, in load
    // order ("alembic heads"). A revision only depended on is still a head here.
    std::vector<std::string> heads() const;
    // Alembic's bases: revisions with no down_revision, in load order.
    std::vector<std::string> bases() const;
    // Alembic's _real_heads / _real_bases: heads and bases counting depends_on
    // edges too. "heads" as an identifier means real_heads().
    std::vector<std::string> real_heads() const;
    std::vector<std::string> real_bases() const;

    // Alembic's get_revisions: the revisions an identifier names, in Alembic's
    // order. Accepts "head", "heads", "base", a full id, a unique prefix (of an
    // id or branch label longer than 3 characters), a branch label,
    // "label@head", "label@heads", "label@id", "id@head", "-N" / "label@-N"
    // (walked down from the heads), or a tuple of these. "base" gives an empty
    // list. A nullptr entry is a relative walk that ended below the roots
    // ("base") or went too far.
    // Throws ResolutionError (unknown id, ambiguous prefix, no such branch,
    // revision not on the branch), MultipleHeads ("head" with several heads).
    std::vector<const Revision*> get_revisions(const RevisionArg& identifier) const;
    // get_revisions keeping the base marker and None apart.
    std::vector<Resolved> resolve(const RevisionArg& identifier) const;

    // Alembic's get_revision: the one revision an identifier names; nullptr for
    // "base" (or an empty head list). Throws MultipleHeads when it names several,
    // and the errors of get_revisions.
    const Revision* get_revision(const RevisionArg& identifier) const;

    // Alembic's get_current_head: the one head (of the branch, when a label is
    // given); "" when there are no revisions. Throws MultipleHeads when there
    // are several, ResolutionError for an unknown label.
    std::string get_current_head(std::string_view branch_label = {}) const;

    // Alembic's filter_for_lineage: the targets (ids) that are ancestors or
    // descendants of what check_against names (an identifier, label@id, ...).
    // Throws the errors of get_revisions.
    std::vector<std::string> filter_for_lineage(const std::vector<std::string>& targets,
                                                const RevisionArg& check_against,
                                                bool include_dependencies = false) const;
    std::vector<const Revision*> filter_for_lineage(const std::vector<const Revision*>& targets,
                                                    const RevisionArg& check_against,
                                                    bool include_dependencies = false) const;

    // Alembic's iterate_revisions: the revisions between upper and lower, in
    // topological order from the top (a revision comes before its
    // down_revisions). select_for_downgrade picks Alembic's downgrade
    // collection (upper: the current heads, lower: the target) instead of the
    // upgrade one (upper: the target, lower: the current heads). Relative
    // forms ("+2", "ae1+1", "label@+1", "-1", "label@-1") are resolved against
    // the other end, as Alembic does.
    // Throws RangeNotAncestorError when lower is not below upper,
    // RevisionError("Relative revision -3 didn't produce 3 migrations",
    // "Ambiguous walk", "Walked too far", ...), and the errors of get_revisions.
    std::vector<const Revision*>
    iterate_revisions(const RevisionArg& upper, const RevisionArg& lower,
                      bool implicit_base = false, bool inclusive = false,
                      bool assert_relative_length = true, bool select_for_downgrade = false) const;

    // Alembic's ScriptDirectory.walk_revisions, what `history -r base:head`
    // lists: from head down to base, both included, relative lengths not
    // enforced. Errors carry Alembic's command wording ("Requested range A:B
    // does not refer to ancestor/descendant revisions along the same branch",
    // "Can't locate revision identified by 'zz'", ...).
    std::vector<const Revision*> walk_revisions(const RevisionArg& base = "base",
                                                const RevisionArg& head = "heads") const;

    // Alembic's _get_all_current (what `current` prints): the given revisions
    // plus their ancestors, reduced to those with no descendant in the set.
    // In load order. Throws the errors of get_revisions.
    std::vector<const Revision*> get_all_current(const std::vector<std::string>& ids) const;

    // The targets and everything below them (include_dependencies: through
    // depends_on too), each once, targets first (Alembic's _get_ancestor_nodes).
    std::vector<const Revision*> get_ancestor_nodes(const std::vector<const Revision*>& targets,
                                                    bool include_dependencies = true) const;
    // The targets and everything above them (Alembic's _get_descendant_nodes).
    std::vector<const Revision*> get_descendant_nodes(const std::vector<const Revision*>& targets,
                                                      bool include_dependencies = true) const;

  private:
    // Alembic's _resolve_revision_number: ids and branch label of an identifier.
    struct Resolution {
        std::vector<std::string> ids;
        std::optional<std::string> branch_label;
    };

    // Which edges a traversal follows (Alembic passes a lambda).
    enum class Edges {
        down,            // _versioned_down_revisions
        normalized_down, // _normalized_down_revisions
        all_down,        // _all_down_revisions
        next,            // nextrev
        all_next,        // _all_nextrev
    };

    // revision_map.cpp: linking.
    void check_declarations() const;
    void index_revisions();
    void map_branch_labels();
    void resolve_dependencies();
    void link_children();
    void normalize_dependencies();
    void detect_cycles() const;
    std::vector<std::string> on_cycles(Edges kind) const;
    void inherit_branch_labels();
    void build_adjacency();
    std::size_t index_of(const Revision* rev) const {
        return static_cast<std::size_t>(rev - m_revisions.data());
    }
    const std::vector<std::size_t>& edges(std::size_t index, Edges kind) const;
    // Alembic's _iterate_related_revisions: a depth-first walk (a stack, like
    // Alembic's deque) yielding each revision once. check: throw when one target
    // reaches another ("Requested revision X overlaps with other requested
    // revisions Y").
    std::vector<std::size_t> related(const std::vector<std::size_t>& targets, Edges kind,
                                     bool check = false) const;
    std::vector<std::size_t> indices(const std::vector<const Revision*>& revs) const;
    std::vector<std::size_t> indices(const std::vector<Resolved>& nodes, const char* context) const;

    // revision_identifier.cpp: resolving identifiers.
    Resolution resolve_revision_number(const RevisionArg& id) const;
    std::vector<Resolved> resolve_one(const std::string& id) const;
    const Revision* revision_for_ident(const std::string* id,
                                       const std::optional<std::string>& check_branch) const;
    const Revision* resolve_branch(const std::string& branch_label) const;
    const Revision* lookup_key(const std::string& key) const;
    bool shares_lineage(const Revision* target, const std::vector<const Revision*>& against,
                        bool include_dependencies) const;
    // The "shares" of filter_for_lineage: branch label then ids, as strings.
    std::vector<std::string> lineage_shares(const RevisionArg& check_against) const;
    std::vector<const Revision*> resolve_shares(const std::vector<std::string>& shares) const;
    Resolved walk(Resolved start, int steps, const std::optional<std::string>& branch_label,
                  bool no_overwalk) const;
    std::vector<const Revision*>
    filter_into_branch_heads(const std::vector<std::size_t>& targets) const;

    // revision_walk.cpp: collecting and ordering ranges.
    std::pair<std::optional<std::string>, Resolved>
    parse_downgrade_target(const RevisionArg& current_revisions, const RevisionArg& target,
                           bool assert_relative_length) const;
    std::vector<Resolved> parse_upgrade_target(const RevisionArg& current_revisions,
                                               const RevisionArg& target,
                                               bool assert_relative_length) const;
    std::pair<std::vector<std::size_t>, std::vector<std::size_t>>
    collect_downgrade_revisions(const RevisionArg& upper, const RevisionArg& target, bool inclusive,
                                bool implicit_base, bool assert_relative_length) const;
    std::pair<std::vector<std::size_t>, std::vector<std::size_t>>
    collect_upgrade_revisions(const RevisionArg& upper, const RevisionArg& lower, bool inclusive,
                              bool implicit_base, bool assert_relative_length) const;
    std::vector<std::size_t> topological_sort(const std::vector<std::size_t>& revisions,
                                              const std::vector<std::size_t>& heads) const;

    std::vector<Revision> m_revisions;
    std::unordered_map<std::string, std::size_t> m_by_id;
    // Alembic's _revision_map keys in their order: ids in load order, then
    // branch labels; each names a revision (by index). Prefixes match against
    // these, labels included, as in Alembic.
    std::vector<std::pair<std::string, std::size_t>> m_keys;
    std::unordered_map<std::string, std::size_t> m_by_key;
    std::vector<std::size_t> m_heads, m_bases, m_real_heads, m_real_bases;
    // Adjacency by index, one list per Edges kind, in Alembic's edge order.
    std::vector<std::vector<std::size_t>> m_down, m_normalized_down, m_all_down, m_next, m_all_next;
};

} // namespace fleet::engine::revision
