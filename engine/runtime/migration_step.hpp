#pragma once

#include "engine/revision/revision.hpp"
#include "engine/revision/revision_map.hpp"

#include <string>
#include <utility>
#include <vector>

namespace fleet::engine::runtime {

// One step of a migration run: the upgrade or downgrade of one revision
// (Alembic's RevisionStep), or a stamp that moves version rows without running
// anything (Alembic's StampStep). Besides what it runs, a step answers the
// questions the HeadMaintainer asks to turn it into version-table writes; the
// answers are Alembic's, given the heads (version rows) before the step.
//
// A step points into the RevisionMap it was planned from; the map must
// outlive it.
class MigrationStep {
  public:
    // Alembic's MigrationStep.upgrade_from_script / downgrade_from_script.
    static MigrationStep upgrade(const revision::RevisionMap& map, const revision::Revision& rev);
    static MigrationStep downgrade(const revision::RevisionMap& map, const revision::Revision& rev);
    // Alembic's StampStep(from_, to_, is_upgrade, branch_move): from/to are
    // version ids (either may be empty); branch_move means a version row is
    // added (upgrade) or removed (downgrade) rather than moved.
    static MigrationStep stamp(const revision::RevisionMap& map, std::vector<std::string> from,
                               std::vector<std::string> to, bool is_upgrade, bool branch_move);

    bool is_upgrade() const { return m_is_upgrade; }
    bool is_downgrade() const { return !m_is_upgrade; }
    bool is_stamp() const { return m_revision == nullptr; }
    bool branch_move() const { return m_branch_move; }
    // The revision run; nullptr for a stamp.
    const revision::Revision* revision() const { return m_revision; }

    // Where the version rows move from and to. With depends_on counted
    // (from_revisions, to_revisions: an upgrade moves from the revision's
    // normalized down revisions) and without (the _no_deps forms, what logs
    // show).
    std::vector<std::string> from_revisions() const;
    std::vector<std::string> to_revisions() const;
    std::vector<std::string> from_revisions_no_deps() const;
    std::vector<std::string> to_revisions_no_deps() const;

    // "upgrade", "downgrade" or, for a stamp, "stamp_revision" (Alembic's
    // name of the migration function).
    std::string name() const;
    // The revision's doc line (its message up to the first blank line); empty
    // for a stamp.
    std::string doc() const;
    // Alembic's short_log, as offline SQL prints it after "-- Running ":
    // "upgrade a, b -> c" (an empty side prints as nothing: "upgrade  -> a").
    std::string short_log() const;
    // Alembic's str(step), what its log prints after "Running ":
    // "upgrade a -> b, add accounts"; short_log() when there is no doc.
    std::string describe() const;

    // The HeadMaintainer's questions (Alembic's should_* helpers). heads are
    // the version rows before the step, as a set.
    bool should_delete_branch(const std::vector<std::string>& heads) const;
    bool should_create_branch(const std::vector<std::string>& heads) const;
    bool should_merge_branches(const std::vector<std::string>& heads) const;
    bool should_unmerge_branches(const std::vector<std::string>& heads) const;

    // For a merge: rows to delete, then the row to update from -> to.
    struct Merge {
        std::vector<std::string> deletes;
        std::string update_from;
        std::string update_to;
    };
    // For an unmerge: the row to update from -> to, then rows to insert.
    struct Unmerge {
        std::string update_from;
        std::string update_to;
        std::vector<std::string> inserts;
    };
    // Alembic's merge_branch_idents / unmerge_branch_idents / update_version_num
    // / delete_version_num / insert_version_num. Throw RevisionError where
    // Alembic's asserts would fail (an update whose down revision is
    // ambiguous, a stamp of several revisions where one is needed, ...).
    Merge merge_branch_idents(const std::vector<std::string>& heads) const;
    Unmerge unmerge_branch_idents(const std::vector<std::string>& heads) const;
    std::pair<std::string, std::string>
    update_version_num(const std::vector<std::string>& heads) const;
    std::string delete_version_num() const;
    std::string insert_version_num() const;

    // Same revision and direction; for stamps, same rows, direction and kind.
    bool operator==(const MigrationStep& other) const;

  private:
    MigrationStep() = default;
    // Alembic's _unmerge_to_revisions: the down revisions that do not stay
    // implied by another head. Like Alembic, it may keep a down revision
    // that is an ancestor of another one (a row for an ancestor of a row).
    std::vector<std::string> unmerge_to_revisions(const std::vector<std::string>& heads) const;

    const revision::RevisionMap* m_map = nullptr;
    const revision::Revision* m_revision = nullptr;
    bool m_is_upgrade = true;
    bool m_branch_move = false;
    std::vector<std::string> m_from; // a stamp's rows
    std::vector<std::string> m_to;
};

} // namespace fleet::engine::runtime
