// Resolving identifiers: Alembic's get_revisions / get_revision and what they
// stand on (_resolve_revision_number, _revision_for_ident, _resolve_branch,
// filter_for_lineage, _shares_lineage, _walk).
#include "engine/revision/index_set.hpp"
#include "engine/revision/revision_error.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/revision/revision_syntax.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace fleet::engine::revision {

RevisionMap::Resolution RevisionMap::resolve_revision_number(const RevisionArg& arg) const {
    Resolution out;
    std::optional<std::string> id;
    if (arg.is_string()) {
        const std::string& text = arg.str();
        if (auto at = text.find('@'); at != std::string::npos) {
            out.branch_label = text.substr(0, at);
            id = text.substr(at + 1);
        } else {
            id = text;
        }
    }
    const bool has_label = out.branch_label && !out.branch_label->empty();
    if (id && *id == "heads") {
        if (has_label)
            out.ids = filter_for_lineage(heads(), RevisionArg(*out.branch_label));
        else
            out.ids = real_heads();
    } else if (id && *id == "head") {
        std::string head = get_current_head(has_label ? *out.branch_label : std::string());
        if (!head.empty()) out.ids.push_back(head);
    } else if (arg.is_none() || (id && *id == "base")) {
        // base: nothing
    } else if (id) {
        out.ids.push_back(*id);
    } else {
        out.ids = arg.ids();
    }
    return out;
}

std::vector<RevisionMap::Resolved> RevisionMap::resolve(const RevisionArg& arg) const {
    if (arg.is_tuple()) {
        std::vector<Resolved> out;
        for (const auto& id : arg.ids()) {
            auto part = resolve_one(id);
            out.insert(out.end(), part.begin(), part.end());
        }
        return out;
    }
    if (arg.is_none()) return {};
    return resolve_one(arg.str());
}

std::vector<RevisionMap::Resolved> RevisionMap::resolve_one(const std::string& id) const {
    Resolution res = resolve_revision_number(RevisionArg(id));
    std::vector<Resolved> out;
    if (res.ids.size() == 1) {
        // "-2" and "label@-2": walk down from the (label's) heads.
        if (auto steps = detail::python_int(res.ids.front()); steps && *steps < 0) {
            for (const Resolved& head : resolve(RevisionArg("heads"))) {
                if (res.branch_label && !head.rev->has_branch_label(*res.branch_label)) continue;
                out.push_back(walk(head, *steps, std::nullopt, true));
            }
            return out;
        }
    }
    for (const auto& rid : res.ids)
        out.push_back(Resolved::of(revision_for_ident(&rid, res.branch_label)));
    return out;
}

const Revision* RevisionMap::lookup_key(const std::string& key) const {
    auto it = m_by_key.find(key);
    return it == m_by_key.end() ? nullptr : &m_revisions[it->second];
}

// id == nullptr is Alembic's empty tuple (what "base" resolves to).
const Revision*
RevisionMap::revision_for_ident(const std::string* id,
                                const std::optional<std::string>& check_branch) const {
    const bool check = check_branch && !check_branch->empty();
    const Revision* branch_rev = check ? resolve_branch(*check_branch) : nullptr;
    if (!id) return nullptr;

    const Revision* revision = lookup_key(*id);
    if (!revision) {
        // A partial id: keys longer than three characters, branch labels
        // included, that start with it.
        std::vector<std::string> matches;
        if (!id->empty())
            for (const auto& [key, index] : m_keys)
                if (key.size() > 3 && key.starts_with(*id)) matches.push_back(key);
        if (branch_rev) matches = filter_for_lineage(matches, RevisionArg(*check_branch));
        if (matches.empty())
            throw ResolutionError(
                fmt::format("No such revision or branch '{}'{}", *id,
                            id->size() < 4 ? "; please ensure at least four characters are "
                                             "present for partial revision identifier matches"
                                           : ""),
                *id);
        if (matches.size() > 1) {
            std::vector<std::string> shown;
            for (std::size_t i = 0; i < matches.size() && i < 3; ++i)
                shown.push_back("'" + matches[i] + "'");
            throw ResolutionError(fmt::format("Multiple revisions start with '{}': {}...", *id,
                                              fmt::join(shown, ", ")),
                                  *id);
        }
        revision = lookup_key(matches.front());
    }
    if (check && !shares_lineage(revision, {branch_rev}, false))
        throw ResolutionError(
            fmt::format("Revision {} is not a member of branch '{}'", revision->id, *check_branch),
            *id);
    return revision;
}

const Revision* RevisionMap::resolve_branch(const std::string& branch_label) const {
    if (const Revision* rev = lookup_key(branch_label)) return rev;
    try {
        return revision_for_ident(&branch_label, std::nullopt);
    } catch (const ResolutionError&) {
        throw ResolutionError(fmt::format("No such branch: '{}'", branch_label), branch_label);
    }
}

bool RevisionMap::shares_lineage(const Revision* target,
                                 const std::vector<const Revision*>& against,
                                 bool include_dependencies) const {
    if (against.empty()) return true;
    std::size_t t = index_of(target);
    detail::IndexSet lineage(m_revisions.size(),
                             related({t}, include_dependencies ? Edges::all_next : Edges::next));
    lineage.insert_all(related({t}, include_dependencies ? Edges::normalized_down : Edges::down));
    for (const Revision* rev : against)
        if (rev && lineage.contains(index_of(rev))) return true;
    return false;
}

std::vector<std::string> RevisionMap::lineage_shares(const RevisionArg& check_against) const {
    Resolution res = resolve_revision_number(check_against);
    std::vector<std::string> shares;
    if (res.branch_label && !res.branch_label->empty()) shares.push_back(*res.branch_label);
    shares.insert(shares.end(), res.ids.begin(), res.ids.end());
    return shares;
}

std::vector<const Revision*>
RevisionMap::resolve_shares(const std::vector<std::string>& shares) const {
    std::vector<const Revision*> out;
    for (const auto& share : shares)
        out.push_back(revision_for_ident(&share, std::nullopt));
    return out;
}

std::vector<std::string> RevisionMap::filter_for_lineage(const std::vector<std::string>& targets,
                                                         const RevisionArg& check_against,
                                                         bool include_dependencies) const {
    const auto shares = lineage_shares(check_against);
    std::vector<std::string> out;
    std::optional<std::vector<const Revision*>> against;
    for (const auto& target : targets) {
        if (shares.empty()) {
            out.push_back(target);
            continue;
        }
        // Alembic resolves the target before what it is tested against.
        const Revision* rev = revision_for_ident(&target, std::nullopt);
        if (!against) against = resolve_shares(shares);
        if (shares_lineage(rev, *against, include_dependencies)) out.push_back(target);
    }
    return out;
}

std::vector<const Revision*>
RevisionMap::filter_for_lineage(const std::vector<const Revision*>& targets,
                                const RevisionArg& check_against, bool include_dependencies) const {
    indices(targets); // only this map's revisions
    const auto shares = lineage_shares(check_against);
    if (shares.empty() || targets.empty()) return targets;
    const auto against = resolve_shares(shares);
    std::vector<const Revision*> out;
    for (const Revision* target : targets)
        if (shares_lineage(target, against, include_dependencies)) out.push_back(target);
    return out;
}

std::vector<const Revision*> RevisionMap::get_revisions(const RevisionArg& identifier) const {
    std::vector<const Revision*> out;
    for (const Resolved& node : resolve(identifier))
        out.push_back(node.rev);
    return out;
}

const Revision* RevisionMap::get_revision(const RevisionArg& identifier) const {
    Resolution res = resolve_revision_number(identifier);
    if (res.ids.size() > 1) throw MultipleHeads(res.ids, identifier.repr());
    return revision_for_ident(res.ids.empty() ? nullptr : &res.ids.front(), res.branch_label);
}

std::string RevisionMap::get_current_head(std::string_view branch_label) const {
    std::vector<std::string> current = heads();
    if (!branch_label.empty())
        current = filter_for_lineage(current, RevisionArg(std::string(branch_label)));
    if (current.size() > 1)
        throw MultipleHeads(current, branch_label.empty() ? std::string("head")
                                                          : fmt::format("{}@head", branch_label));
    return current.empty() ? std::string() : current.front();
}

// Alembic's _walk: steps > 0 walks up (from nothing: from the bases), keeping
// to branch_label's lineage; steps < 0 walks down (from nothing: from the
// heads) and yields the "base" marker below a root. Several ways to go is an
// error; no way to go gives None (no_overwalk) or stays where it is.
RevisionMap::Resolved RevisionMap::walk(Resolved start, int steps,
                                        const std::optional<std::string>& branch_label,
                                        bool no_overwalk) const {
    Resolved initial = start;
    const int count = std::abs(steps);
    for (int i = 0; i < count; ++i) {
        std::vector<Resolved> children;
        if (steps > 0) {
            if (initial.base) throw RevisionError("Can't walk up from base in a relative revision");
            std::vector<const Revision*> up;
            for (const Resolved& node :
                 resolve(RevisionArg::tuple(initial.rev ? initial.rev->nextrev : bases())))
                up.push_back(node.rev);
            if (branch_label && !branch_label->empty())
                up = filter_for_lineage(up, RevisionArg(*branch_label));
            for (const Revision* rev : up)
                children.push_back(Resolved::of(rev));
        } else if (!initial.base) {
            children =
                resolve(RevisionArg::tuple(initial.rev ? initial.rev->down_revisions : heads()));
            if (children.empty()) children.push_back(Resolved::base_marker());
        }
        if (children.empty()) return no_overwalk ? Resolved::none() : initial;
        if (children.size() > 1) throw RevisionError("Ambiguous walk");
        initial = children.front();
    }
    return initial;
}

std::vector<const Revision*>
RevisionMap::filter_into_branch_heads(const std::vector<std::size_t>& targets) const {
    detail::IndexSet set(m_revisions.size(), targets);
    for (std::size_t rev : set.items()) {
        for (std::size_t above : related({rev}, Edges::next)) {
            if (above != rev && set.contains(above)) {
                set.erase(rev);
                break;
            }
        }
    }
    std::vector<const Revision*> out;
    for (std::size_t i : set.items())
        out.push_back(&m_revisions[i]);
    return out;
}

std::vector<const Revision*>
RevisionMap::get_all_current(const std::vector<std::string>& ids) const {
    auto top = indices(resolve(RevisionArg::tuple(ids)), "A current revision");
    auto with_ancestors = related(top, Edges::normalized_down);
    with_ancestors.insert(with_ancestors.end(), top.begin(), top.end());
    return filter_into_branch_heads(with_ancestors);
}

} // namespace fleet::engine::revision
