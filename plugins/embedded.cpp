#include "plugins/embedded.hpp"

#include "engine/command/command.hpp"
#include "engine/runtime/version_table.hpp"
#include "engine/url/database_url.hpp"
#include "plugins/driver_registry.hpp"

#include <sstream>

namespace fleet {

namespace {

engine::command::Target target_for(const std::string& url_text,
                                   const std::filesystem::path& script_location) {
    auto url = engine::url::DatabaseUrl::parse(url_text);
    engine::command::Target target;
    target.name = url.masked();
    target.script_location = script_location;
    target.dialect = &plugins::dialect_for(url);
    target.connect = [url] { return plugins::connect(url); };
    target.display_url = url.masked();
    target.exists = [url] { return plugins::driver_for(url).exists(url); };
    return target;
}

} // namespace

void upgrade(const std::string& url, const std::filesystem::path& script_location,
             const std::string& revision) {
    std::ostringstream unused; // a live run prints nothing
    engine::command::upgrade(target_for(url, script_location), revision, false, unused);
}

std::vector<std::string> current(const std::string& url) {
    auto connection = plugins::connect(engine::url::DatabaseUrl::parse(url));
    engine::runtime::VersionTable table("alembic_version", "");
    return table.read_heads(*connection);
}

} // namespace fleet
