#include "orchestrator/alembic_import/alembic_helper.hpp"

#include "engine/error.hpp"
#include "orchestrator/alembic_import/imported_revision.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fleet::orchestrator::alembic_import {

namespace {

constexpr const char* k_helper_folder = "alembic_import";
constexpr const char* k_helper_main = "fleet_alembic_import.py";

// The interpreters to try, in order.
std::vector<std::string> interpreters() {
    if (const char* chosen = std::getenv("FLEET_PYTHON"); chosen != nullptr && *chosen != '\0')
        return {chosen};
    return {"python3", "/usr/bin/python3"};
}

// Closes a pipe end once, whichever way the function leaves.
class Fd {
  public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { close(); }
    int get() const { return m_fd; }
    void close() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

  private:
    int m_fd;
};

// What one interpreter printed; nullopt when it could not be started.
std::optional<std::string> run_with(const std::string& python,
                                    const std::vector<std::string>& arguments) {
    int ends[2];
    if (::pipe(ends) != 0)
        throw Error(fmt::format("cannot make a pipe: {}", std::strerror(errno)), ExitCode::failed);
    Fd read_end(ends[0]), write_end(ends[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, read_end.get());
    std::vector<std::string> words{python, "-B"};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    pid_t child = 0;
    const int spawned =
        posix_spawnp(&child, python.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    write_end.close();
    if (spawned == ENOENT || spawned == EACCES) return std::nullopt;
    if (spawned != 0) {
        throw Error(fmt::format("cannot start {}: {}", python, std::strerror(spawned)),
                    ExitCode::failed);
    }

    std::string output;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(read_end.get(), buffer, sizeof buffer);
        if (got > 0) {
            output.append(buffer, static_cast<std::size_t>(got));
        } else if (got == 0 || errno != EINTR) {
            break;
        }
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    // 127: the shell's and posix_spawn's "could not run it".
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && output.empty()) return std::nullopt;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw Error(fmt::format("the Alembic import helper failed under {} ({}); its messages "
                                "are above",
                                python,
                                WIFEXITED(status) ? fmt::format("exit {}", WEXITSTATUS(status))
                                                  : fmt::format("signal {}", WTERMSIG(status))),
                    ExitCode::failed);
    }
    return output;
}

} // namespace

std::filesystem::path helper_script() {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) throw Error("cannot find the fleet binary's own folder", ExitCode::failed);
    const auto bin = self.parent_path();
    const std::filesystem::path candidates[] = {
        bin / k_helper_folder / k_helper_main,
        (bin / ".." / "lib" / "fleet" / k_helper_folder / k_helper_main).lexically_normal()};
    for (const auto& candidate : candidates) {
        if (std::filesystem::is_regular_file(candidate, error)) return candidate;
    }
    throw Error(fmt::format("fleet's Alembic import helper is not installed: no {} or {}",
                            candidates[0].string(), candidates[1].string()),
                ExitCode::failed);
}

ImportedProject run_helper(const std::filesystem::path& project,
                           const std::vector<std::string>& dialects) {
    const std::vector<std::string> arguments{
        helper_script().string(), std::filesystem::absolute(project).string(), "--dialects",
        fmt::format("{}", fmt::join(dialects, ","))};
    std::vector<std::string> tried;
    std::optional<AlembicMissing> missing;
    for (const std::string& python : interpreters()) {
        std::optional<std::string> output = run_with(python, arguments);
        if (!output) {
            tried.push_back(python);
            continue;
        }
        try {
            return parse_helper_output(*output);
        } catch (const AlembicMissing& error) {
            // Another Python (Debian's own) may have it.
            missing.emplace(error.detail());
        }
    }
    if (missing) throw *missing;
    throw UsageError(fmt::format("importing an Alembic project needs Python 3 with Alembic, and "
                                 "no Python could be started (tried {}): install them with "
                                 "`apt install python3-alembic`, or name one in $FLEET_PYTHON",
                                 fmt::join(tried, ", ")));
}

} // namespace fleet::orchestrator::alembic_import
