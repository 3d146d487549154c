#include "orchestrator/autogen/revision_schemas.hpp"

#include "engine/error.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/util/text.hpp"
#include "orchestrator/autogen/scratch_database.hpp"
#include "plugins/driver_registry.hpp"

#include <fmt/format.h>

#include <sstream>

namespace fleet::orchestrator::autogen {

namespace {

RevisionSchema replay(const RevisionSet& set, const engine::command::Project& project) {
    // No revision applied: the schema is empty, nothing to replay.
    if (set.revisions.empty()) return {engine::schema::Schema{}, ""};
    engine::url::DatabaseUrl like;
    like.scheme = set.dialect;
    if (set.dev_url.empty() && plugins::dialect_for(like).capabilities().server_databases)
        return {std::nullopt, fmt::format("no dev_url for {}", set.dialect)};
    try {
        ScratchDatabase scratch(like, set.dev_url, "audit");
        const auto target = scratch_target(scratch.url(), set.script_location, set.version_table);
        std::ostringstream quiet;
        for (const auto& revision : set.revisions)
            engine::command::upgrade(target, project, revision, false, quiet);
        return {plugins::connect(scratch.url())
                    ->read_schema({set.version_table, engine::runtime::HistoryTable::k_name}),
                ""};
    } catch (const std::exception& error) {
        const std::string message = error.what();
        return {std::nullopt, "the revisions did not replay on a scratch database: " +
                                  engine::util::one_line(message.substr(0, message.find('\n')))};
    }
}

} // namespace

const RevisionSchema& RevisionSchemas::of(const RevisionSet& set,
                                          const engine::command::Project& project) {
    Key key{set.script_location.string(), set.dialect, set.revisions, set.dev_url,
            set.version_table};
    auto found = m_replayed.find(key);
    if (found == m_replayed.end()) found = m_replayed.emplace(key, replay(set, project)).first;
    return found->second;
}

} // namespace fleet::orchestrator::autogen
