#include "engine/script/script_directory.hpp"

#include "engine/error.hpp"
#include "engine/script/script_file.hpp"
#include "engine/script/script_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>

namespace fleet::engine::script {

namespace {

bool is_folder(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::is_directory(path, error);
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
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return a.filename().string() < b.filename().string();
    });
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

ScriptDirectory ScriptDirectory::load(const std::filesystem::path& script_location) {
    if (!is_folder(script_location)) {
        throw InputError("", 0,
                         fmt::format("script folder '{}' does not exist (create one with "
                                     "'fleet init')",
                                     script_location.string()));
    }
    const std::filesystem::path versions = script_location / "versions";
    if (!is_folder(versions)) {
        throw InputError(
            "", 0,
            fmt::format("script folder '{}' has no versions/ folder", script_location.string()));
    }
    std::vector<Script> scripts;
    for (const std::filesystem::path& file : revision_files(versions)) {
        scripts.push_back(load_script_file(file));
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
    for (const Script& script : m_scripts) revisions.push_back(script.revision);
    return revisions;
}

} // namespace fleet::engine::script
