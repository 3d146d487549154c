#include "orchestrator/metrics/metrics_file.hpp"

#include "engine/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fleet::orchestrator::metrics {

namespace fs = std::filesystem;

namespace {

fs::path folder_of(const fs::path& path) {
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

[[noreturn]] void fail(const fs::path& path, const std::string& what, int error) {
    throw Error(fmt::format("--metrics-file {}: {}: {}", path.string(), what, std::strerror(error)),
                ExitCode::failed);
}

} // namespace

void check_metrics_path(const fs::path& path) {
    std::error_code ec;
    if (path.empty()) throw UsageError("--metrics-file needs a path");
    if (fs::is_directory(path, ec))
        throw UsageError(
            fmt::format("--metrics-file {} is a folder; give a file such as {}/fleet.prom",
                        path.string(), path.string()));
    const auto folder = folder_of(path);
    if (!fs::is_directory(folder, ec))
        throw UsageError(fmt::format("--metrics-file {}: the folder {} does not exist",
                                     path.string(), folder.string()));
}

void write_metrics_file(const fs::path& path, const std::string& text) {
    std::string temp = (folder_of(path) / ("." + path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) fail(path, "cannot create a temporary file beside it", errno);
    auto give_up = [&](const char* what) {
        const int error = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        fail(path, what, error);
    };
    for (std::size_t written = 0; written < text.size();) {
        const auto n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            give_up("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0) give_up("cannot make it readable");
    if (::fsync(fd) != 0) give_up("cannot flush");
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        fail(path, "cannot close", error);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        fail(path, "cannot rename the temporary file over it", error);
    }
}

} // namespace fleet::orchestrator::metrics
