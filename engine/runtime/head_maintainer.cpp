#include "engine/runtime/head_maintainer.hpp"

#include "engine/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::engine::runtime {

HeadMaintainer::HeadMaintainer(std::vector<std::string> current_heads) {
    for (auto& head : current_heads)
        if (std::find(m_heads.begin(), m_heads.end(), head) == m_heads.end())
            m_heads.push_back(std::move(head));
}

std::vector<VersionChange> HeadMaintainer::update_to_step(const MigrationStep& step) {
    std::vector<VersionChange> out;
    if (step.should_delete_branch(m_heads)) {
        delete_version(step.delete_version_num(), out);
    } else if (step.should_create_branch(m_heads)) {
        insert_version(step.insert_version_num(), out);
    } else if (step.should_merge_branches(m_heads)) {
        auto merge = step.merge_branch_idents(m_heads);
        for (const auto& rev : merge.deletes)
            delete_version(rev, out);
        update_version(merge.update_from, merge.update_to, out);
    } else if (step.should_unmerge_branches(m_heads)) {
        auto unmerge = step.unmerge_branch_idents(m_heads);
        for (const auto& rev : unmerge.inserts)
            insert_version(rev, out);
        update_version(unmerge.update_from, unmerge.update_to, out);
    } else {
        auto [from, to] = step.update_version_num(m_heads);
        update_version(from, to, out);
    }
    return out;
}

void HeadMaintainer::insert_version(const std::string& version, std::vector<VersionChange>& out) {
    if (std::find(m_heads.begin(), m_heads.end(), version) != m_heads.end())
        throw RevisionError(
            fmt::format("Can't insert version '{}': it is already a head", version));
    m_heads.push_back(version);
    out.push_back({VersionChange::Kind::insert, {}, version});
}

void HeadMaintainer::delete_version(const std::string& version, std::vector<VersionChange>& out) {
    auto it = std::find(m_heads.begin(), m_heads.end(), version);
    if (it == m_heads.end())
        throw RevisionError(fmt::format("Can't delete version '{}': it is not a head", version));
    m_heads.erase(it);
    out.push_back({VersionChange::Kind::remove, version, {}});
}

void HeadMaintainer::update_version(const std::string& from, const std::string& to,
                                    std::vector<VersionChange>& out) {
    if (std::find(m_heads.begin(), m_heads.end(), to) != m_heads.end())
        throw RevisionError(
            fmt::format("Can't update version '{}' to '{}': '{}' is already a head", from, to, to));
    auto it = std::find(m_heads.begin(), m_heads.end(), from);
    if (it == m_heads.end())
        throw RevisionError(
            fmt::format("Can't update version '{}' to '{}': '{}' is not a head", from, to, from));
    *it = to;
    out.push_back({VersionChange::Kind::update, from, to});
}

std::string row_count_message(const VersionChange& change, std::string_view version_table,
                              long long found) {
    switch (change.kind) {
    case VersionChange::Kind::remove:
        return fmt::format(
            "Online migration expected to match one row when deleting '{}' in '{}'; {} found",
            change.from, version_table, found);
    case VersionChange::Kind::update:
        return fmt::format("Online migration expected to match one row when updating '{}' to "
                           "'{}' in '{}'; {} found",
                           change.from, change.to, version_table, found);
    case VersionChange::Kind::insert:
        break;
    }
    return fmt::format("Online migration expected to insert one row '{}' in '{}'; {} found",
                       change.to, version_table, found);
}

} // namespace fleet::engine::runtime
