#pragma once

#include "engine/revision/revision_map.hpp"
#include "engine/runtime/migration_step.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace fleet::engine::runtime {

// One write to the version table. insert: add a row `to`; remove: delete the
// row `from`; update: change the row `from` into `to`.
struct VersionChange {
    enum class Kind { insert, remove, update };
    Kind kind;
    std::string from;
    std::string to;

    bool operator==(const VersionChange&) const = default;
};

// Alembic's HeadMaintainer: keeps the set of heads (version rows) as steps run
// and says which writes each step makes. It does no I/O: the caller executes
// the writes in order and checks that each remove and update touched exactly
// one row (row_count_message() words the failure as Alembic does).
class HeadMaintainer {
  public:
    // current_heads: the version rows before the run (duplicates count once).
    explicit HeadMaintainer(std::vector<std::string> current_heads);

    // Applies one step to the heads, exactly as Alembic's update_to_step (delete
    // a branch, create one, merge, unmerge, or move one row), and returns the
    // writes in the order to run them. Throws RevisionError where Alembic's
    // own checks would fail: inserting a row already present, removing or
    // moving one that is not, an ambiguous update.
    std::vector<VersionChange> update_to_step(const MigrationStep& step);

    // The heads now, in the order rows were found or added (an update keeps
    // its place).
    const std::vector<std::string>& heads() const { return m_heads; }

  private:
    void insert_version(const std::string& version, std::vector<VersionChange>& out);
    void delete_version(const std::string& version, std::vector<VersionChange>& out);
    void update_version(const std::string& from, const std::string& to,
                        std::vector<VersionChange>& out);

    std::vector<std::string> m_heads;
};

// Alembic's message when a remove or update did not touch exactly one row:
// "Online migration expected to match one row when deleting 'a' in
// 'alembic_version'; 0 found" (or "when updating 'a' to 'b' in ...").
std::string row_count_message(const VersionChange& change, std::string_view version_table,
                              long long found);

} // namespace fleet::engine::runtime
