#pragma once

#include "engine/revision/revision_map.hpp"
#include "engine/script/script_directory.hpp"

#include <filesystem>

namespace fleet::engine::command {

// A script directory loaded and linked into its revision graph: what every
// command starts from. Loading validates everything (files, headers, graph),
// so bad input fails before a database is touched.
class Project {
public:
    // Throws fleet::InputError for unreadable folders or bad files and
    // fleet::RevisionError for an inconsistent graph.
    explicit Project(const std::filesystem::path& script_location);

    const script::ScriptDirectory& scripts() const { return m_scripts; }
    const revision::RevisionMap& map() const { return m_map; }
    // The script of a revision the graph returned; never null for those.
    const script::Script& script(const revision::Revision& revision) const;

private:
    script::ScriptDirectory m_scripts;
    revision::RevisionMap m_map;
};

} // namespace fleet::engine::command
