#include "engine/command/script_checksums.hpp"

#include "engine/runtime/history_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace fleet::engine::command {

std::optional<std::vector<EditedScript>>
edited_scripts(runtime::Connection& connection, const Project& project,
               const std::string& history_schema,
               const std::optional<std::set<std::string>>& applied) {
    runtime::HistoryTable history(history_schema);
    if (!history.exists(connection)) return std::nullopt;
    const auto& dialect = connection.dialect();
    // Oldest first, so the last row kept per revision is its newest.
    auto rows = connection.query(
        fmt::format("SELECT revision, checksum, started_at FROM {} "
                    "WHERE direction = 'upgrade' AND outcome IN ('done', 'marked_done') "
                    "ORDER BY started_at, step",
                    dialect.qualified_table(history_schema, runtime::HistoryTable::k_name)));
    struct Ran {
        std::optional<std::string> checksum;
        std::string started_at;
    };
    std::map<std::string, Ran> newest;
    std::vector<std::string> order;
    for (const auto& row : rows) {
        if (row.size() < 3 || !row[0]) continue;
        if (!newest.count(*row[0])) order.push_back(*row[0]);
        newest[*row[0]] = {row[1], row[2].value_or("")};
    }
    std::vector<EditedScript> edited;
    for (const auto& revision : order) {
        const Ran& ran = newest.at(revision);
        if (!ran.checksum || ran.checksum->empty()) continue;
        if (applied && !applied->count(revision)) continue;
        const auto* script = project.scripts().find(revision);
        if (!script || script->checksum() == *ran.checksum) continue;
        edited.push_back(
            {revision, script->path, ran.started_at, *ran.checksum, script->checksum()});
    }
    // order is by first run; report by the run that counts, the newest.
    std::stable_sort(
        edited.begin(), edited.end(),
        [](const EditedScript& a, const EditedScript& b) { return a.ran_at < b.ran_at; });
    return edited;
}

} // namespace fleet::engine::command
