#include "orchestrator/project_cache.hpp"

namespace fleet::orchestrator {

const engine::command::Project& ProjectCache::load(const std::filesystem::path& script_location) {
    auto& project = m_loaded[script_location];
    if (!project) project = std::make_unique<engine::command::Project>(script_location);
    return *project;
}

const engine::command::Project&
ProjectCache::of(const std::filesystem::path& script_location) const {
    return *m_loaded.at(script_location);
}

} // namespace fleet::orchestrator
