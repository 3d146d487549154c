#include "engine/command/target_schema.hpp"

#include "engine/error.hpp"
#include "engine/runtime/history_table.hpp"
#include "engine/url/redact.hpp"

namespace fleet::engine::command {

std::vector<std::string> fleet_tables(const Target& target) {
    return {target.settings.version_table, runtime::HistoryTable::k_name};
}

schema::Schema read_schema(runtime::Connection& connection, const Target& target) {
    return connection.read_schema(fleet_tables(target));
}

TargetSchema read_target_schema(const Target& target) {
    TargetSchema result;
    result.name = target.name;
    result.display_url = target.display_url;
    try {
        if (!target.connect) throw UsageError("no database URL for " + target.name);
        result.database_exists = !target.exists || target.exists();
        if (!result.database_exists) {
            result.schema.emplace();
            return result;
        }
        auto connection = target.connect();
        result.schema = read_schema(*connection, target);
    } catch (const std::exception& error) {
        result.schema.reset();
        result.error = url::mask_passwords(error.what());
    }
    return result;
}

} // namespace fleet::engine::command
