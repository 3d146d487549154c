#pragma once

#include "engine/ops/schema_model.hpp"
#include "engine/revision/revision_map.hpp"
#include "engine/script/script_directory.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fleet::engine::runtime {

// The schema the revisions build, replayed without a database: for each
// revision, the model its ancestors (down revisions and depends_on) leave
// when their upgrades run in topological order. What a derived downgrade
// and rendering ask for; offline --sql gets the same models as a live run.
// Models are kept once computed, so a run of many steps replays each
// revision once. Not thread-safe.
class SchemaReplay {
  public:
    // `dialect` picks each script's section ("postgresql", "sqlite"; "" the
    // plain one).
    SchemaReplay(const script::ScriptDirectory& scripts, std::string dialect);

    // The model just before `id` runs its upgrade. Throws InputError when an
    // earlier revision's operation cannot apply (naming its file and line),
    // RevisionError for an unknown id or scripts that do not form a graph.
    const ops::SchemaModel& before(const std::string& id);
    // The model after `id`'s upgrade.
    const ops::SchemaModel& after(const std::string& id);

    // The operations `id`'s upgrade runs on this dialect.
    const std::vector<ops::Operation>& upgrade(const std::string& id) const;

    // The file of revision `id`, for messages.
    const std::string& file(const std::string& id) const;

  private:
    const revision::Revision& revision(const std::string& id) const;
    // id's ancestors, parents before children, id last.
    std::vector<std::string> lineage(const std::string& id) const;
    void compute(const std::string& id);

    const script::ScriptDirectory& m_scripts;
    std::string m_dialect;
    // Linked on first use: a run of SQL revisions replays nothing.
    mutable std::optional<revision::RevisionMap> m_map;
    std::map<std::string, ops::SchemaModel> m_before;
    std::map<std::string, ops::SchemaModel> m_after;
};

} // namespace fleet::engine::runtime
