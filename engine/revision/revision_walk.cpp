// Ranges of revisions: Alembic's iterate_revisions and what it stands on
// (_parse_upgrade_target, _parse_downgrade_target, _collect_upgrade_revisions,
// _collect_downgrade_revisions, _topological_sort), and walk_revisions.
#include "engine/revision/command_errors.hpp"
#include "engine/revision/index_set.hpp"
#include "engine/revision/revision_error.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/revision/revision_syntax.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace fleet::engine::revision {

namespace {

std::string didnt_produce(const std::string& relative, int steps) {
    return fmt::format("Relative revision {} didn't produce {} migrations", relative,
                       std::abs(steps));
}

// Alembic's "lower or 'base'" in RangeNotAncestorError: empty stands for base.
std::string range_end(const RevisionArg& arg) { return arg ? arg.repr() : std::string(); }

} // namespace

std::pair<std::optional<std::string>, RevisionMap::Resolved>
RevisionMap::parse_downgrade_target(const RevisionArg& current_revisions, const RevisionArg& target,
                                    bool assert_relative_length) const {
    if (target.is_none()) return {std::nullopt, Resolved::none()};
    if (!target.is_string()) throw RevisionError("Expected downgrade target in string form");

    if (auto spec = detail::match_relative(target.str())) {
        std::optional<std::string> branch_label = spec->branch_label;
        if (spec->steps >= 0) {
            // Downgrading to current + n is not valid.
            if (!spec->symbol) throw RevisionError(didnt_produce(spec->relative, spec->steps));
            Resolved rev = walk(Resolved::of(get_revision(RevisionArg(*spec->symbol))), spec->steps,
                                branch_label, assert_relative_length);
            if (rev.is_none()) throw RevisionError("Walked too far");
            return {branch_label, rev};
        }
        const bool relative_to_current = !spec->symbol;
        std::string symbol = spec->symbol.value_or("");
        if (relative_to_current) {
            if (branch_label && !branch_label->empty()) {
                auto current = current_revisions.to_tuple();
                auto on_branch = filter_for_lineage(current, RevisionArg(*branch_label));
                if (on_branch.empty()) {
                    // The branch's head may be below a single current head
                    // that depends on it.
                    on_branch.clear();
                    for (const Revision* rev :
                         filter_for_lineage(get_all_current(current), RevisionArg(*branch_label)))
                        on_branch.push_back(rev->id);
                }
                // Alembic asserts there is exactly one.
                if (on_branch.empty())
                    throw RevisionError(
                        fmt::format("Relative revision {} has nothing to walk from: no current "
                                    "revision is on branch '{}'",
                                    target.str(), *branch_label));
                if (on_branch.size() > 1)
                    throw RevisionError(fmt::format(
                        "Relative revision {} is ambiguous: current revisions {} are all on "
                        "branch '{}'",
                        target.str(), fmt::join(on_branch, ", "), *branch_label));
                symbol = on_branch.front();
            } else {
                auto current = current_revisions.to_tuple();
                if (current.empty())
                    throw RevisionError(didnt_produce(spec->relative, spec->steps));
                // Alembic warns that -1 from several heads is ambiguous and
                // walks from the first one; so does fleet.
                symbol = current.front();
                // Keep the walk on the selected branch.
                branch_label = symbol;
            }
        }
        const Revision* start = branch_label
                                    ? get_revision(RevisionArg(*branch_label + "@" + symbol))
                                    : get_revision(RevisionArg(symbol));
        Resolved rev = walk(Resolved::of(start), spec->steps, std::nullopt, assert_relative_length);
        if (rev.is_none())
            throw RevisionError(relative_to_current ? didnt_produce(spec->relative, spec->steps)
                                                    : std::string("Walked too far"));
        return {branch_label, rev};
    }

    // Absolute: "label@rev" keeps the label to narrow the roots.
    const std::string& text = target.str();
    std::optional<std::string> branch_label;
    std::string symbol = text;
    if (auto at = text.rfind('@'); at != std::string::npos) {
        if (at > 0) branch_label = text.substr(0, at);
        symbol = text.substr(at + 1);
    }
    return {branch_label, Resolved::of(get_revision(RevisionArg(symbol)))};
}

std::vector<RevisionMap::Resolved>
RevisionMap::parse_upgrade_target(const RevisionArg& current_revisions, const RevisionArg& target,
                                  bool assert_relative_length) const {
    std::optional<detail::RelativeSpec> spec;
    if (target.is_string()) spec = detail::match_relative(target.str());
    if (!spec) return resolve(target);

    const std::optional<std::string>& branch_label = spec->branch_label;
    const bool has_label = branch_label && !branch_label->empty();
    if (spec->steps > 0) {
        if (spec->symbol) {
            // Relative to a given revision, not to the current state. A walk
            // past the heads leaves Alembic with None, on which it fails an
            // assertion; fleet says why.
            Resolved rev = walk(Resolved::of(get_revision(RevisionArg(*spec->symbol))), spec->steps,
                                branch_label, assert_relative_length);
            if (rev.is_none()) throw RevisionError(didnt_produce(spec->relative, spec->steps));
            return {rev};
        }
        // Relative to the current heads; with nothing applied, from base.
        auto current = current_revisions.to_tuple();
        std::vector<Resolved> start;
        std::vector<std::string> start_ids;
        if (!has_label) {
            if (current.empty()) start.push_back(Resolved::none());
            start_ids = current;
        } else {
            // filter_for_lineage over what the current heads resolve to, one
            // at a time as Alembic does: a "base" marker among them is looked
            // up as the identifier 'base' (and is not found).
            const auto resolved = resolve(RevisionArg::tuple(current));
            const auto shares = lineage_shares(RevisionArg(*branch_label));
            std::optional<std::vector<const Revision*>> against;
            for (const Resolved& node : resolved) {
                const std::string base_name = "base";
                const Revision* rev = node.rev;
                if (node.base) rev = revision_for_ident(&base_name, std::nullopt);
                if (!rev) throw RevisionError("A current revision resolved to nothing");
                if (shares.empty()) {
                    start.push_back(Resolved::of(rev));
                    continue;
                }
                if (!against) against = resolve_shares(shares);
                if (shares_lineage(rev, *against, false)) start.push_back(Resolved::of(rev));
            }
            std::vector<std::size_t> current_revs;
            for (const Resolved& node : resolved)
                if (node.rev) current_revs.push_back(index_of(node.rev));
            if (start.empty()) {
                // The branch has no current head: start from the tips of what
                // is applied on it.
                std::vector<const Revision*> active;
                for (std::size_t i : related(current_revs, Edges::normalized_down))
                    active.push_back(&m_revisions[i]);
                active = filter_for_lineage(active, RevisionArg(*branch_label));
                detail::IndexSet tips(m_revisions.size(), indices(active));
                for (const Revision* rev : active)
                    for (std::size_t down : m_normalized_down[index_of(rev)])
                        tips.erase(down);
                for (std::size_t i : tips.items())
                    start.push_back(Resolved::of(&m_revisions[i]));
                if (start.empty()) start.push_back(Resolved::none());
            }
        }
        if (start.size() + start_ids.size() > 1)
            throw RevisionError("Ambiguous upgrade from multiple current revisions");
        Resolved from = start_ids.empty()
                            ? start.front()
                            : Resolved::of(get_revision(RevisionArg(start_ids.front())));
        Resolved rev = walk(from, spec->steps, branch_label, assert_relative_length);
        if (rev.is_none()) throw RevisionError(didnt_produce(spec->relative, spec->steps));
        return {rev};
    }
    // Upgrading to current - n is not valid.
    if (!spec->symbol) throw RevisionError(didnt_produce(std::to_string(spec->steps), spec->steps));
    const Revision* start = branch_label
                                ? get_revision(RevisionArg(*branch_label + "@" + *spec->symbol))
                                : get_revision(RevisionArg(*spec->symbol));
    Resolved rev = walk(Resolved::of(start), spec->steps, std::nullopt, assert_relative_length);
    if (rev.is_none()) throw RevisionError(didnt_produce(spec->relative, spec->steps));
    return {rev};
}

std::pair<std::vector<std::size_t>, std::vector<std::size_t>>
RevisionMap::collect_downgrade_revisions(const RevisionArg& upper, const RevisionArg& target,
                                         bool inclusive, bool implicit_base,
                                         bool assert_relative_length) const {
    const std::size_t n = m_revisions.size();
    auto [branch_label, target_node] =
        parse_downgrade_target(upper, target, assert_relative_length);
    const Revision* target_revision = target_node.rev; // the base marker is base

    std::vector<std::size_t> roots;
    if (!target_revision) {
        // Down to base: every root. Alembic walks its map's values, where a
        // root with a branch label appears once more under the label.
        for (const auto& [key, index] : m_keys)
            if (m_down[index].empty()) roots.push_back(index);
    } else if (inclusive) {
        roots.push_back(index_of(target_revision));
    } else {
        roots = indices(resolve(RevisionArg::tuple(target_revision->nextrev)), "A child revision");
    }

    if (branch_label && !branch_label->empty() && roots.size() > 1) {
        // Only the roots on the named branch.
        detail::IndexSet on_branch(n,
                                   related({index_of(resolve_branch(*branch_label))}, Edges::down));
        detail::IndexSet kept(n, roots);
        kept.intersect(on_branch);
        std::vector<std::string> ids;
        for (std::size_t i : kept.items())
            ids.push_back(m_revisions[i].id);
        roots = indices(resolve(RevisionArg::tuple(ids)), "A root revision");
        if (roots.empty()) throw RevisionError("Not a valid downgrade target from current heads");
    }

    auto heads = indices(resolve(upper), "A current revision");
    // Dropping the roots means dropping what stands on them, of what is applied.
    detail::IndexSet downgrade(n, related(roots, Edges::all_next));
    detail::IndexSet active(n, related(heads, Edges::normalized_down));
    downgrade.intersect(active);
    if (implicit_base) {
        detail::IndexSet others = active;
        others.subtract(detail::IndexSet(n, related(roots, Edges::normalized_down)));
        downgrade.insert_all(others.items());
    }
    if (target_revision && downgrade.empty() &&
        std::find(heads.begin(), heads.end(), index_of(target_revision)) == heads.end())
        throw RangeNotAncestorError("Nothing to drop", range_end(upper));
    return {downgrade.items(), heads};
}

std::pair<std::vector<std::size_t>, std::vector<std::size_t>>
RevisionMap::collect_upgrade_revisions(const RevisionArg& upper, const RevisionArg& lower_arg,
                                       bool inclusive, bool implicit_base,
                                       bool assert_relative_length) const {
    const std::size_t n = m_revisions.size();
    RevisionArg lower = lower_arg;
    auto targets = indices(parse_upgrade_target(lower, upper, assert_relative_length),
                           fmt::format("Upgrade target '{}'", upper.repr()).c_str());

    // A named base ("label@base", "label@rev" as lower) keeps the targets on
    // that branch.
    if (lower.is_string() && lower.str().find('@') != std::string::npos) {
        std::string branch = lower.str().substr(0, lower.str().find('@'));
        const Revision* branch_rev = get_revision(RevisionArg(branch));
        if (branch_rev && branch_rev->id == branch) {
            // A revision was used as the label: use its branch instead.
            if (branch_rev->all_branch_labels.size() != 1)
                throw RevisionError(fmt::format(
                    "Revision {} used as a branch name must carry exactly one branch label",
                    branch));
            branch = branch_rev->all_branch_labels.front();
        }
        std::erase_if(targets,
                      [&](std::size_t i) { return !m_revisions[i].has_branch_label(branch); });
    }

    detail::IndexSet required(n, related(targets, Edges::normalized_down, true));
    required.insert_all(targets);

    std::vector<Resolved> current = resolve(lower);
    if (!implicit_base) {
        for (const Resolved& node : current)
            if (!node.is_none() && (!node.rev || !required.contains(index_of(node.rev))))
                throw RangeNotAncestorError(range_end(lower), range_end(upper));
    }
    // A relative lower ("-2") that walked past the heads: resolve it against
    // the upper end instead.
    if (!current.empty() && current.front().is_none()) {
        Resolved rev = parse_downgrade_target(upper, lower, assert_relative_length).second;
        if (rev.is_none())
            throw RevisionError(
                fmt::format("Relative revision {} resolved to nothing", lower.repr()));
        if (rev.base) {
            current.clear();
            lower = RevisionArg();
        } else {
            current = {rev};
            lower = RevisionArg(rev.rev->id);
        }
    }
    auto current_indices = indices(current, "A current revision");
    detail::IndexSet current_set(n, related(current_indices, Edges::normalized_down, true));
    current_set.insert_all(current_indices);

    detail::IndexSet needs = required;
    needs.subtract(current_set);
    if (inclusive) needs.insert_all(indices(resolve(lower), "The lower revision"));
    // Without an implicit base, only what stands on the current revisions.
    if (!current_indices.empty() && !implicit_base)
        needs.intersect(detail::IndexSet(n, related(current_indices, Edges::next, true)));
    return {needs.items(), targets};
}

// Alembic's _topological_sort: emits from the heads down, following one head
// as long as no other head still needs what it is about to emit, heads taken
// in load order.
std::vector<std::size_t>
RevisionMap::topological_sort(const std::vector<std::size_t>& revisions,
                              const std::vector<std::size_t>& heads) const {
    const std::size_t n = m_revisions.size();
    detail::IndexSet todo(n, revisions);
    auto ancestors = [&](std::size_t i) {
        return detail::IndexSet(n, related({i}, Edges::normalized_down));
    };

    std::vector<std::size_t> current_heads;
    for (std::size_t i : detail::IndexSet(n, heads).items())
        if (todo.contains(i)) current_heads.push_back(i);
    std::vector<detail::IndexSet> ancestors_by_idx;
    for (std::size_t h : current_heads)
        ancestors_by_idx.push_back(ancestors(h));

    std::vector<std::size_t> output;
    std::size_t idx = 0;
    // Each pass emits, moves or drops a head, or switches to a head that must
    // go first; on a graph without cycles that ends well before this bound.
    std::size_t budget = 16 * (n + 1) * (n + 1) + 1024;
    while (!current_heads.empty()) {
        if (budget-- == 0) throw RevisionError("Could not order revisions: the walk did not end");
        const std::size_t candidate = current_heads[idx];
        bool must_wait = false;
        for (std::size_t j = 0; j < ancestors_by_idx.size(); ++j) {
            if (j != idx && ancestors_by_idx[j].contains(candidate)) {
                // Another head stands on this one: emit that branch first.
                idx = j;
                must_wait = true;
                break;
            }
        }
        if (must_wait) continue;

        if (todo.erase(candidate)) output.push_back(candidate);
        std::vector<std::size_t> heads_to_add;
        for (std::size_t down : m_normalized_down[candidate])
            if (todo.contains(down) &&
                std::find(current_heads.begin(), current_heads.end(), down) == current_heads.end())
                heads_to_add.push_back(down);
        if (heads_to_add.empty()) {
            current_heads.erase(current_heads.begin() + static_cast<std::ptrdiff_t>(idx));
            ancestors_by_idx.erase(ancestors_by_idx.begin() + static_cast<std::ptrdiff_t>(idx));
            idx = idx > 0 ? idx - 1 : 0;
        } else if (m_revisions[candidate].normalized_dependencies.empty() &&
                   m_down[candidate].size() == 1) {
            // A plain step down the line.
            current_heads[idx] = heads_to_add.front();
            ancestors_by_idx[idx].erase(candidate);
        } else {
            current_heads[idx] = heads_to_add.front();
            ancestors_by_idx[idx] = ancestors(heads_to_add.front());
            for (std::size_t k = 1; k < heads_to_add.size(); ++k) {
                current_heads.push_back(heads_to_add[k]);
                ancestors_by_idx.push_back(ancestors(heads_to_add[k]));
            }
        }
    }
    if (!todo.empty()) {
        std::vector<std::string> left;
        for (std::size_t i : todo.items())
            left.push_back(m_revisions[i].id);
        throw RevisionError(fmt::format("Could not order revisions {}: not reachable from {}",
                                        fmt::join(left, ", "),
                                        heads.empty() ? "any head" : "the heads"));
    }
    return output;
}

std::vector<const Revision*> RevisionMap::iterate_revisions(const RevisionArg& upper,
                                                            const RevisionArg& lower,
                                                            bool implicit_base, bool inclusive,
                                                            bool assert_relative_length,
                                                            bool select_for_downgrade) const {
    auto [revisions, heads] =
        select_for_downgrade ? collect_downgrade_revisions(upper, lower, inclusive, implicit_base,
                                                           assert_relative_length)
                             : collect_upgrade_revisions(upper, lower, inclusive, implicit_base,
                                                         assert_relative_length);
    std::vector<const Revision*> out;
    for (std::size_t i : topological_sort(revisions, heads))
        out.push_back(&m_revisions[i]);
    return out;
}

std::vector<const Revision*> RevisionMap::walk_revisions(const RevisionArg& base,
                                                         const RevisionArg& head) const {
    CommandWording wording;
    wording.start = base;
    wording.end = head;
    return with_command_wording(
        wording, [&] { return iterate_revisions(head, base, false, true, false, false); });
}

} // namespace fleet::engine::revision
