#include "engine/runtime/migration_step.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::engine::runtime {

namespace {

bool contains(const std::vector<std::string>& set, const std::string& item) {
    return std::find(set.begin(), set.end(), item) != set.end();
}

// a - b, keeping a's order (Alembic takes a Python set here, order arbitrary).
std::vector<std::string> difference(const std::vector<std::string>& a,
                                    const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const auto& x : a)
        if (!contains(b, x) && !contains(out, x)) out.push_back(x);
    return out;
}

std::size_t intersection_size(const std::vector<std::string>& a,
                              const std::vector<std::string>& b) {
    std::size_t n = 0;
    for (const auto& x : difference(a, {}))
        if (contains(b, x)) ++n;
    return n;
}

// Ids of the given revisions and everything below them, depends_on included.
std::vector<std::string> ancestor_ids(const revision::RevisionMap& map,
                                      const std::vector<std::string>& heads) {
    std::vector<std::string> out;
    for (const auto* rev :
         map.get_ancestor_nodes(map.get_revisions(revision::RevisionArg::tuple(heads))))
        out.push_back(rev->id);
    return out;
}

} // namespace

MigrationStep MigrationStep::upgrade(const revision::RevisionMap& map,
                                     const revision::Revision& rev) {
    MigrationStep step;
    step.m_map = &map;
    step.m_revision = &rev;
    step.m_is_upgrade = true;
    return step;
}

MigrationStep MigrationStep::downgrade(const revision::RevisionMap& map,
                                       const revision::Revision& rev) {
    MigrationStep step = upgrade(map, rev);
    step.m_is_upgrade = false;
    return step;
}

MigrationStep MigrationStep::stamp(const revision::RevisionMap& map, std::vector<std::string> from,
                                   std::vector<std::string> to, bool is_upgrade, bool branch_move) {
    MigrationStep step;
    step.m_map = &map;
    step.m_from = std::move(from);
    step.m_to = std::move(to);
    step.m_is_upgrade = is_upgrade;
    step.m_branch_move = branch_move;
    return step;
}

std::vector<std::string> MigrationStep::from_revisions() const {
    if (is_stamp()) return m_from;
    if (m_is_upgrade) return m_revision->normalized_down_revisions();
    return {m_revision->id};
}

std::vector<std::string> MigrationStep::to_revisions() const {
    if (is_stamp()) return m_to;
    if (m_is_upgrade) return {m_revision->id};
    return m_revision->normalized_down_revisions();
}

std::vector<std::string> MigrationStep::from_revisions_no_deps() const {
    if (is_stamp()) return m_from;
    if (m_is_upgrade) return m_revision->down_revisions;
    return {m_revision->id};
}

std::vector<std::string> MigrationStep::to_revisions_no_deps() const {
    if (is_stamp()) return m_to;
    if (m_is_upgrade) return {m_revision->id};
    return m_revision->down_revisions;
}

std::string MigrationStep::name() const {
    if (is_stamp()) return "stamp_revision";
    return m_is_upgrade ? "upgrade" : "downgrade";
}

std::string MigrationStep::doc() const {
    if (is_stamp()) return {};
    // Alembic's Script.doc: the docstring's first paragraph.
    const std::string& message = m_revision->message;
    return message.substr(0, message.find("\n\n"));
}

std::string MigrationStep::short_log() const {
    return fmt::format("{} {} -> {}", name(), fmt::join(from_revisions_no_deps(), ", "),
                       fmt::join(to_revisions_no_deps(), ", "));
}

std::string MigrationStep::describe() const {
    std::string text = doc();
    return text.empty() ? short_log() : fmt::format("{}, {}", short_log(), text);
}

std::vector<std::string>
MigrationStep::unmerge_to_revisions(const std::vector<std::string>& heads) const {
    auto other_heads = difference(heads, {m_revision->id});
    if (other_heads.empty()) return to_revisions();
    return difference(to_revisions(), ancestor_ids(*m_map, other_heads));
}

bool MigrationStep::should_delete_branch(const std::vector<std::string>& heads) const {
    if (is_stamp()) return is_downgrade() && m_branch_move;
    if (!is_downgrade() || !contains(heads, m_revision->id)) return false;
    // To a base, or to revisions another remaining head still implies.
    if (m_revision->normalized_down_revisions().empty()) return true;
    return unmerge_to_revisions(heads).empty();
}

bool MigrationStep::should_create_branch(const std::vector<std::string>& heads) const {
    if (is_stamp())
        return m_is_upgrade && (m_branch_move || !difference(m_from, heads).empty()) &&
               !difference(m_to, heads).empty();
    if (!m_is_upgrade) return false;
    // A base, or none of the down revisions is a head (a merge point too).
    const auto downrevs = m_revision->normalized_down_revisions();
    return downrevs.empty() || intersection_size(heads, downrevs) == 0;
}

bool MigrationStep::should_merge_branches(const std::vector<std::string>& heads) const {
    if (is_stamp()) return m_from.size() > 1;
    if (!m_is_upgrade) return false;
    const auto downrevs = m_revision->normalized_down_revisions();
    return downrevs.size() > 1 && intersection_size(heads, downrevs) > 1;
}

bool MigrationStep::should_unmerge_branches(const std::vector<std::string>& heads) const {
    if (is_stamp()) return m_to.size() > 1;
    if (!is_downgrade()) return false;
    return contains(heads, m_revision->id) && m_revision->normalized_down_revisions().size() > 1;
}

MigrationStep::Merge
MigrationStep::merge_branch_idents(const std::vector<std::string>& heads) const {
    std::vector<std::string> from;
    if (is_stamp()) {
        from = m_from;
    } else {
        // Down revisions another head still implies stay where they are.
        from = from_revisions();
        auto other_heads = difference(heads, from);
        if (!other_heads.empty()) from = difference(from, ancestor_ids(*m_map, other_heads));
        // Beyond Alembic: only down revisions that are rows now are merged.
        // Alembic also tries to delete a down revision that is not a row
        // (down_revision A with depends_on on children of A: once the
        // children are rows, A is not) and fails on a KeyError unless
        // another head happens to imply it, which depends on its step order.
        // Where Alembic succeeds every one of them is a row, so this changes
        // nothing there.
        std::erase_if(from, [&](const std::string& rev) { return !contains(heads, rev); });
    }
    const auto to = to_revisions();
    if (from.empty() || to.empty())
        throw RevisionError(
            fmt::format("Can't merge version rows for {}: nothing to move", short_log()));
    Merge merge;
    merge.deletes.assign(from.begin(), from.end() - 1);
    merge.update_from = from.back();
    merge.update_to = to.front();
    return merge;
}

MigrationStep::Unmerge
MigrationStep::unmerge_branch_idents(const std::vector<std::string>& heads) const {
    const auto from = from_revisions();
    const auto to = is_stamp() ? m_to : unmerge_to_revisions(heads);
    if (from.empty() || to.empty())
        throw RevisionError(
            fmt::format("Can't unmerge version rows for {}: nothing to move", short_log()));
    Unmerge unmerge;
    unmerge.update_from = from.front();
    unmerge.update_to = to.back();
    unmerge.inserts.assign(to.begin(), to.end() - 1);
    return unmerge;
}

std::pair<std::string, std::string>
MigrationStep::update_version_num(const std::vector<std::string>& heads) const {
    if (is_stamp()) {
        if (m_from.size() != 1 || m_to.size() != 1)
            throw RevisionError(fmt::format(
                "Can't do an UPDATE for {}: it needs one revision on each side", short_log()));
        return {m_from.front(), m_to.front()};
    }
    const auto downrevs = m_revision->normalized_down_revisions();
    std::string down_revision;
    if (downrevs.size() == 1) {
        down_revision = downrevs.front();
    } else {
        std::vector<std::string> present;
        for (const auto& rev : downrevs)
            if (contains(heads, rev)) present.push_back(rev);
        if (present.size() != 1)
            throw RevisionError(fmt::format(
                "Can't do an UPDATE for {} because downrevision is ambiguous", short_log()));
        down_revision = present.front();
    }
    if (m_is_upgrade) return {down_revision, m_revision->id};
    return {m_revision->id, down_revision};
}

std::string MigrationStep::delete_version_num() const {
    if (!is_stamp()) return m_revision->id;
    if (m_from.size() != 1)
        throw RevisionError(fmt::format("Can't delete a version row for {}", short_log()));
    return m_from.front();
}

std::string MigrationStep::insert_version_num() const {
    if (!is_stamp()) return m_revision->id;
    if (m_to.size() != 1)
        throw RevisionError(fmt::format("Can't insert a version row for {}", short_log()));
    return m_to.front();
}

bool MigrationStep::operator==(const MigrationStep& other) const {
    if (is_stamp() != other.is_stamp() || m_is_upgrade != other.m_is_upgrade) return false;
    if (!is_stamp()) return m_revision == other.m_revision;
    return m_from == other.m_from && m_to == other.m_to && m_branch_move == other.m_branch_move;
}

} // namespace fleet::engine::runtime
