#include "engine/command/project.hpp"

#include "engine/error.hpp"

namespace fleet::engine::command {

Project::Project(const std::filesystem::path& script_location, script::Parse parse)
    : m_scripts(script::ScriptDirectory::load(script_location, parse)),
      m_map(m_scripts.revisions()) {}

const script::Script& Project::script(const revision::Revision& revision) const {
    const auto* found = m_scripts.find(revision.id);
    if (!found) throw RevisionError("no script for revision " + revision.id);
    return *found;
}

} // namespace fleet::engine::command
