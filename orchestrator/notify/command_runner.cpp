#include "orchestrator/notify/command_runner.hpp"

#include "orchestrator/notify/notify_limits.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

extern char** environ; // NOLINT(readability-identifier-naming): POSIX's name

namespace fleet::orchestrator::notify {

namespace {

// The most of a command's standard error kept: its last lines say why.
constexpr std::size_t k_kept_errors = 4096;

// A descriptor closed when it goes.
class Descriptor {
  public:
    Descriptor() = default;
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor() { reset(); }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;

    int get() const { return m_fd; }
    bool open() const { return m_fd >= 0; }
    void reset(int fd = -1) {
        if (m_fd >= 0) close(m_fd);
        m_fd = fd;
    }

  private:
    int m_fd = -1;
};

// A pipe whose ends the child gets only through dup2 (both are close-on-exec).
struct Pipe {
    Descriptor read;
    Descriptor write;

    bool make() {
        std::array<int, 2> fds{};
        if (pipe2(fds.data(), O_CLOEXEC) != 0) return false;
        read.reset(fds[0]);
        write.reset(fds[1]);
        return true;
    }
};

std::string errno_text(int error) { return std::strerror(error); }

// The last non-empty line of a command's standard error, printable and short.
std::string last_line(const std::string& text) {
    std::size_t end = text.find_last_not_of(" \t\r\n");
    if (end == std::string::npos) return {};
    std::size_t start = text.rfind('\n', end);
    start = start == std::string::npos ? 0 : start + 1;
    std::string line;
    for (char c : text.substr(start, std::min<std::size_t>(end + 1 - start, 300)))
        line += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    return line;
}

// fleet's environment with FLEET_EVENT set to event.
std::vector<std::string> child_environment(const std::string& event) {
    std::vector<std::string> variables;
    for (char** variable = environ; variable != nullptr && *variable != nullptr; ++variable)
        if (std::strncmp(*variable, "FLEET_EVENT=", 12) != 0) variables.emplace_back(*variable);
    variables.push_back("FLEET_EVENT=" + event);
    return variables;
}

std::vector<char*> pointers(std::vector<std::string>& texts) {
    std::vector<char*> result;
    for (std::string& text : texts)
        result.push_back(text.data());
    result.push_back(nullptr);
    return result;
}

// Starts the command; its pid, or an error text.
struct Started {
    pid_t pid = -1;
    std::string error{};
};

Started spawn(const inventory::NotifyEntry& entry, const std::string& event, int input,
              int errors) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, errors, STDERR_FILENO);
    // Database files, sockets and the like stay fleet's.
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    if (!entry.working_dir.empty())
        posix_spawn_file_actions_addchdir_np(&actions, entry.working_dir.c_str());

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    // A group of its own: killed as one, and out of reach of the terminal's
    // Ctrl-C, which is the rollout's to answer. Signals as a fresh process
    // has them, whatever fleet's threads block or catch.
    sigset_t none;
    sigemptyset(&none);
    sigset_t all;
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                              POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> arguments = entry.command;
    std::vector<std::string> environment = child_environment(event);
    std::vector<char*> argv = pointers(arguments);
    std::vector<char*> envp = pointers(environment);
    Started started;
    const int error =
        posix_spawnp(&started.pid, argv.front(), &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (error != 0) {
        started.pid = -1;
        started.error = fmt::format("cannot run {}: {}", entry.command.front(), errno_text(error));
    }
    return started;
}

std::string exit_text(int status) {
    if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return fmt::format("killed by signal {} ({})", WTERMSIG(status),
                           strsignal(WTERMSIG(status)));
    return "ended";
}

// Reads what is there of fd into kept (its last k_kept_errors bytes); false
// at the end of the stream or on an error.
bool read_into(int fd, std::string& kept) {
    std::array<char, 4096> buffer{};
    for (;;) {
        const ssize_t got = read(fd, buffer.data(), buffer.size());
        if (got > 0) {
            kept.append(buffer.data(), static_cast<std::size_t>(got));
            if (kept.size() > k_kept_errors) kept.erase(0, kept.size() - k_kept_errors);
            continue;
        }
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) return true;
        return false;
    }
}

} // namespace

Delivery run_command(const inventory::NotifyEntry& entry, const std::string& event,
                     const std::string& body, const StopFlag& stop) {
    Delivery delivery;
    delivery.attempts = 1;
    if (entry.command.empty()) {
        delivery.detail = "no program to run";
        return delivery;
    }
    Pipe input;
    Pipe errors;
    if (!input.make() || !errors.make()) {
        delivery.detail = "cannot make a pipe: " + errno_text(errno);
        return delivery;
    }
    const Started started = spawn(entry, event, input.read.get(), errors.write.get());
    input.read.reset();
    errors.write.reset();
    if (started.pid < 0) {
        delivery.detail = started.error;
        return delivery;
    }
    fcntl(input.write.get(), F_SETFL, O_NONBLOCK);
    fcntl(errors.read.get(), F_SETFL, O_NONBLOCK);
    // Readable when the child exits; without one (a kernel before 5.3) the
    // loop looks every 50 ms.
    // (Through syscall(): glibc 2.36's <sys/pidfd.h> declares pidfd_open
    // without C linkage, so C++ cannot link to it.)
    Descriptor exit_fd(static_cast<int>(syscall(SYS_pidfd_open, started.pid, 0)));

    const auto deadline = std::chrono::steady_clock::now() + k_command_timeout;
    std::size_t written = 0;
    std::string kept;
    int status = 0;
    bool exited = false;
    while (!exited) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || stop.raised()) break;
        std::vector<pollfd> watched{{stop.fd(), POLLIN, 0}};
        if (exit_fd.open()) watched.push_back({exit_fd.get(), POLLIN, 0});
        if (input.write.open()) watched.push_back({input.write.get(), POLLOUT, 0});
        if (errors.read.open()) watched.push_back({errors.read.get(), POLLIN, 0});
        const auto wait = exit_fd.open() ? left.count() : std::min<long long>(left.count(), 50);
        poll(watched.data(), watched.size(), static_cast<int>(wait) + 1);

        if (input.write.open()) {
            const ssize_t sent =
                write(input.write.get(), body.data() + written, body.size() - written);
            if (sent > 0) written += static_cast<std::size_t>(sent);
            // EPIPE: the command does not read its input, which is its right.
            if (written == body.size() || (sent < 0 && errno != EAGAIN && errno != EINTR))
                input.write.reset();
        }
        if (errors.read.open() && !read_into(errors.read.get(), kept)) errors.read.reset();
        exited = waitpid(started.pid, &status, WNOHANG) == started.pid;
    }
    if (!exited) {
        kill(-started.pid, SIGKILL);
        waitpid(started.pid, &status, 0);
        delivery.outcome = stop.raised() ? Delivery::Outcome::abandoned : Delivery::Outcome::failed;
        delivery.detail = stop.raised() ? "stopped waiting: killed"
                                        : fmt::format("did not finish within {}s: killed",
                                                      k_command_timeout.count() / 1000);
        return delivery;
    }
    if (errors.read.open()) read_into(errors.read.get(), kept);
    delivery.detail = exit_text(status);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        delivery.outcome = Delivery::Outcome::sent;
        return delivery;
    }
    if (const std::string line = last_line(kept); !line.empty()) delivery.detail += ": " + line;
    delivery.outcome = Delivery::Outcome::failed;
    return delivery;
}

} // namespace fleet::orchestrator::notify
