#include "plugins/sqlite/sqlite_migration_lock.hpp"

#include "engine/error.hpp"
#include "engine/util/backoff.hpp"
#include "engine/util/host.hpp"
#include "engine/util/time.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace fleet::plugins::sqlite {

using engine::runtime::LockHolder;
using engine::runtime::LockTimeout;
using engine::runtime::MigrationLock;

namespace {

// An open file descriptor, closed however the scope ends.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() { reset(); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    FileDescriptor(FileDescriptor&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    int get() const { return m_fd; }
    void reset() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

  private:
    int m_fd;
};

[[noreturn]] void throw_errno(const std::string& doing, const std::string& path) {
    throw DatabaseError(fmt::format("cannot {} {}: {}", doing, path, std::strerror(errno)));
}

// The whole content of fd, from its start.
std::string read_all(int fd) {
    std::string out;
    std::array<char, 512> buffer{};
    off_t offset = 0;
    while (true) {
        ssize_t got = ::pread(fd, buffer.data(), buffer.size(), offset);
        if (got <= 0) break;
        out.append(buffer.data(), static_cast<std::size_t>(got));
        offset += got;
    }
    return out;
}

// "pid 42\nhost h\n..." as the holder wrote it (see record_holder).
LockHolder parse_holder(const std::string& text) {
    LockHolder holder;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        auto space = line.find(' ');
        if (space == std::string::npos) continue;
        std::string key = line.substr(0, space);
        std::string value = line.substr(space + 1);
        if (key == "pid") {
            try {
                holder.pid = std::stoll(value);
            } catch (const std::exception&) {
                holder.pid = 0;
            }
        } else if (key == "host") {
            holder.client = value;
        } else if (key == "application") {
            holder.application = value;
        } else if (key == "since") {
            holder.since = value;
        }
    }
    if (holder.pid == 0) holder.activity = "it has not written its name into the lock file yet";
    return holder;
}

// flock(LOCK_NB): true when taken, false when another open file holds it.
bool try_flock(int fd, int operation, const std::string& path) {
    if (::flock(fd, operation | LOCK_NB) == 0) return true;
    if (errno == EWOULDBLOCK || errno == EINTR) return false;
    throw_errno("lock", path);
}

class FileLock final : public MigrationLock {
  public:
    explicit FileLock(FileDescriptor fd) : m_fd(std::move(fd)) {}
    ~FileLock() override { m_fd.reset(); } // closing the descriptor is what releases it
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    void release() override {
        if (m_fd.get() < 0) return;
        // Wipe our name first, so the file never names a process that no
        // longer holds it; the kernel lock itself is what counts.
        if (::ftruncate(m_fd.get(), 0) != 0) {
            // The lock still goes when the descriptor closes.
        }
        m_fd.reset();
    }

  private:
    FileDescriptor m_fd;
};

void record_holder(int fd, const std::string& application) {
    std::string text = fmt::format("pid {}\nhost {}\napplication {}\nsince {}\n",
                                   static_cast<long long>(::getpid()), engine::util::host_name(),
                                   application, engine::util::utc_timestamp());
    // Best effort: the name is for messages; the kernel lock is the lock.
    if (::ftruncate(fd, 0) != 0) return;
    if (::pwrite(fd, text.data(), text.size(), 0) < 0) return;
}

} // namespace

std::string lock_file_path(const std::string& database_path) {
    std::error_code ec;
    auto absolute = std::filesystem::absolute(database_path, ec);
    return (ec ? database_path : absolute.string()) + "-fleet.lock";
}

std::unique_ptr<MigrationLock> acquire_file_lock(const std::string& lock_path,
                                                 const std::string& what,
                                                 const std::string& application,
                                                 std::chrono::milliseconds timeout,
                                                 const std::function<bool()>& cancelled) {
    // O_CLOEXEC: a child process (a hook, a shell) must not keep our lock
    // alive after we are gone.
    FileDescriptor fd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (fd.get() < 0) throw_errno("open the lock file", lock_path);
    bool taken = engine::util::poll_with_backoff(
        [&] { return try_flock(fd.get(), LOCK_EX, lock_path); }, timeout, cancelled);
    if (!taken && cancelled && cancelled())
        throw DatabaseError(fmt::format("cancelled while waiting for {}", what));
    if (!taken) throw LockTimeout(what, timeout, file_lock_holders(lock_path));
    record_holder(fd.get(), application);
    return std::make_unique<FileLock>(std::move(fd));
}

std::vector<LockHolder> file_lock_holders(const std::string& lock_path) {
    FileDescriptor fd(::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) return {};
        throw_errno("open the lock file", lock_path);
    }
    // A shared lock we can take means nobody holds the exclusive one; let it
    // go at once (closing fd does).
    if (try_flock(fd.get(), LOCK_SH, lock_path)) return {};
    return {parse_holder(read_all(fd.get()))};
}

} // namespace fleet::plugins::sqlite
