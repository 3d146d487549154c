#include "engine/script/script_directory.hpp"

#include "engine/error.hpp"
#include "engine/script/script_file.hpp"
#include "engine/script/script_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

namespace fleet::engine::script {

namespace {

// Throws unless path is a folder fleet can read, naming what is wrong: gone,
// a file in its place, or a permission the OS refused.
void require_folder(const std::filesystem::path& path, std::string_view what,
                    std::string_view hint) {
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error && error != std::errc::no_such_file_or_directory) {
        throw InputError(
            "", 0, fmt::format("{} '{}' cannot be read: {}", what, path.string(), error.message()));
    }
    if (!std::filesystem::exists(status)) {
        throw InputError("", 0, fmt::format("{} '{}' does not exist{}", what, path.string(), hint));
    }
    if (!std::filesystem::is_directory(status)) {
        throw InputError("", 0, fmt::format("{} '{}' is not a folder", what, path.string()));
    }
}

std::vector<std::filesystem::path> revision_files(const std::filesystem::path& versions) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    std::filesystem::directory_iterator entries(versions, error);
    for (; !error && entries != std::filesystem::directory_iterator(); entries.increment(error)) {
        const std::filesystem::path& path = entries->path();
        const std::string name = path.filename().string();
        // A dangling symlink is not skipped: reading it reports the broken file.
        std::error_code type_error;
        if (name.front() == '.' || !format_of(path) || entries->is_directory(type_error)) {
            continue;
        }
        files.push_back(path);
    }
    if (error) {
        throw InputError(versions.string(), 0,
                         fmt::format("cannot list the folder: {}", error.message()));
    }
    // Sorted by file name; the names are taken out once, since building them
    // inside the comparison cost more than reading 3,000 files.
    std::vector<std::pair<std::string, std::filesystem::path>> named;
    named.reserve(files.size());
    for (auto& file : files)
        named.emplace_back(file.filename().string(), std::move(file));
    std::sort(named.begin(), named.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    files.clear();
    for (auto& entry : named)
        files.push_back(std::move(entry.second));
    return files;
}

} // namespace

ScriptDirectory::ScriptDirectory(std::filesystem::path location, std::vector<Script> scripts)
    : m_location(std::move(location)), m_scripts(std::move(scripts)) {
    for (std::size_t i = 0; i < m_scripts.size(); ++i) {
        const Script& script = m_scripts[i];
        if (auto [seen, inserted] = m_index.emplace(script.revision.id, i); !inserted) {
            throw InputError(script.path, 0,
                             fmt::format("revision '{}' is also declared by {}", script.revision.id,
                                         m_scripts[seen->second].path));
        }
    }
}

ScriptDirectory ScriptDirectory::load(const std::filesystem::path& script_location, Parse parse) {
    require_folder(script_location, "script folder", " (create one with 'fleet init')");
    const std::filesystem::path versions = script_location / "versions";
    require_folder(versions, "versions folder", "");
    const std::vector<std::filesystem::path> files = revision_files(versions);
    std::vector<Script> scripts;
    scripts.reserve(files.size());
    for (const std::filesystem::path& file : files) {
        scripts.push_back(load_script_file(file, parse));
    }
    return ScriptDirectory(script_location, std::move(scripts));
}

const Script* ScriptDirectory::find(std::string_view id) const {
    const auto found = m_index.find(id);
    return found == m_index.end() ? nullptr : &m_scripts[found->second];
}

std::vector<revision::Revision> ScriptDirectory::revisions() const {
    std::vector<revision::Revision> revisions;
    revisions.reserve(m_scripts.size());
    for (const Script& script : m_scripts)
        revisions.push_back(script.revision);
    return revisions;
}

} // namespace fleet::engine::script
