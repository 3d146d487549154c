#pragma once

#include "engine/revision/revision_map.hpp"
#include "engine/script/script_directory.hpp"

#include <filesystem>

namespace fleet::engine::command {

// A script directory loaded and linked into its revision graph: what every
// command starts from. Loading validates the files, their headers and the
// graph, and by default every body too, so bad input fails before a database
// is touched. A command that only reads the graph passes
// script::Parse::headers and never pays for splitting 3,000 bodies.
class Project {
  public:
    // Throws fleet::InputError for unreadable folders or bad files (their
    // bodies only with Parse::everything) and fleet::RevisionError for an
    // inconsistent graph.
    explicit Project(const std::filesystem::path& script_location,
                     script::Parse parse = script::Parse::everything);

    const script::ScriptDirectory& scripts() const { return m_scripts; }
    const revision::RevisionMap& map() const { return m_map; }
    // The script of a revision the graph returned; never null for those.
    const script::Script& script(const revision::Revision& revision) const;

  private:
    script::ScriptDirectory m_scripts;
    revision::RevisionMap m_map;
};

} // namespace fleet::engine::command
