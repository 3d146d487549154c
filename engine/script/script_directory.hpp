#pragma once

#include "engine/revision/revision.hpp"
#include "engine/script/script.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::engine::script {

// The script directory (Alembic's ScriptDirectory): every revision file in
// <script_location>/versions/, loaded. Immutable once loaded but for the
// bodies and checksums its scripts make on first use, which they guard
// themselves, so it may be shared by any number of threads.
class ScriptDirectory {
  public:
    // Loads every *.sql, *.yaml and *.yml file in script_location/versions/,
    // in file-name order. Names starting with '.' (editor lock and swap files)
    // and folders are skipped. `parse` says whether each file's body is
    // parsed now or on first use (script.hpp); headers always are.
    // Throws InputError: the script folder or its versions/ folder does not
    // exist, a file cannot be read or parsed (its header; with
    // Parse::everything its body too), or two files declare the same
    // revision id.
    static ScriptDirectory load(const std::filesystem::path& script_location,
                                Parse parse = Parse::everything);

    // The folder given to load().
    const std::filesystem::path& location() const { return m_location; }

    // Where revision files live: location()/versions.
    std::filesystem::path versions_path() const { return m_location / "versions"; }

    // Every script, in file-name order.
    const std::vector<Script>& scripts() const { return m_scripts; }

    // The script whose revision id is exactly `id`; nullptr when none is.
    // (Prefixes, labels and `head` are resolved by the RevisionMap.)
    const Script* find(std::string_view id) const;

    // A copy of each script's graph node, in file-name order, with source =
    // its file: the input of revision::RevisionMap.
    std::vector<revision::Revision> revisions() const;

  private:
    ScriptDirectory(std::filesystem::path location, std::vector<Script> scripts);

    std::filesystem::path m_location;
    std::vector<Script> m_scripts;
    std::map<std::string, std::size_t, std::less<>> m_index; // id -> position in m_scripts
};

} // namespace fleet::engine::script
