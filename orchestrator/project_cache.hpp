#pragma once

#include "engine/command/project.hpp"

#include <filesystem>
#include <map>
#include <memory>

namespace fleet::orchestrator {

// Every script directory a command's targets use, each loaded once and
// shared read-only by all of them (and by every thread working on them).
// Loading them all before the first database is opened makes a bad script
// bad input for the whole command (exit 2), never a per-target failure.
class ProjectCache {
  public:
    // Loads script_location unless it is loaded; returns it. Throws what
    // engine::command::Project's constructor throws.
    const engine::command::Project& load(const std::filesystem::path& script_location);
    // A directory load() already loaded; throws std::out_of_range otherwise.
    const engine::command::Project& of(const std::filesystem::path& script_location) const;
    // Every loaded directory, by path.
    const std::map<std::filesystem::path, std::unique_ptr<engine::command::Project>>& all() const {
        return m_loaded;
    }

  private:
    std::map<std::filesystem::path, std::unique_ptr<engine::command::Project>> m_loaded;
};

} // namespace fleet::orchestrator
