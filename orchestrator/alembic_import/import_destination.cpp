#include "orchestrator/alembic_import/import_destination.hpp"

#include "engine/error.hpp"
#include "engine/script/revision_writer.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace fleet::orchestrator::alembic_import {

namespace {

void replace_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        throw InputError(path.string(), 0,
                         fmt::format("cannot write the file: {}", std::strerror(errno)));
    }
}

} // namespace

void check_destination(const std::filesystem::path& to, bool force) {
    std::error_code error;
    if (!std::filesystem::exists(to, error)) return;
    if (!std::filesystem::is_directory(to, error))
        throw UsageError(fmt::format("--to {} is a file, not a folder", to.string()));
    if (force || std::filesystem::is_empty(to, error)) return;
    throw UsageError(fmt::format("{} is not empty: import into a new folder (--to DIR), or give "
                                 "--force to write into it (files of the same name are replaced)",
                                 to.string()));
}

std::vector<std::filesystem::path> write_revisions(const std::filesystem::path& to,
                                                   const std::vector<RenderedRevision>& files,
                                                   bool force) {
    const std::filesystem::path versions = to / "versions";
    std::error_code error;
    std::filesystem::create_directories(versions, error);
    if (error) {
        throw InputError(versions.string(), 0,
                         fmt::format("cannot create the folder: {}", error.message()));
    }
    std::vector<std::filesystem::path> written;
    for (const RenderedRevision& file : files) {
        const std::filesystem::path path = versions / file.file_name;
        if (!force) {
            engine::script::write_new_file(path, file.text);
        } else {
            auto other = path;
            other.replace_extension(path.extension() == ".sql" ? ".yaml" : ".sql");
            std::filesystem::remove(other, error);
            replace_file(path, file.text);
        }
        written.push_back(path);
    }
    return written;
}

} // namespace fleet::orchestrator::alembic_import
