#pragma once

#include "engine/runtime/migration_lock.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fleet::plugins::postgres {

// Finds who blocks a statement while it waits for a table lock, so a
// lock_timeout failure can name the blocker: once the statement has given up,
// nothing blocks it any more and pg_blocking_pids() has nothing to say. It
// looks from a second session of its own (opened at the first look, kept for
// the next ones), on a thread of its own, partway through the wait.
// Threading: start() and stop() from the thread running the statement; they
// alternate (start, stop, start, ...).
class BlockerWatch {
  public:
    // conninfo: the libpq string of the watched session's database (the
    // second session uses it); backend_pid: the watched session.
    BlockerWatch(std::string conninfo, int backend_pid);
    ~BlockerWatch();
    BlockerWatch(const BlockerWatch&) = delete;
    BlockerWatch& operator=(const BlockerWatch&) = delete;

    // Looks after `after`, unless stop() comes first. Never throws but
    // std::system_error when no thread can be started.
    void start(std::chrono::milliseconds after);
    // Ends the watch and returns the blockers seen ("pid 42 (application
    // 'psql', ...)"), empty when it did not look or saw none. Never throws.
    std::vector<engine::runtime::LockHolder> stop() noexcept;

  private:
    void look();

    std::string m_conninfo;
    int m_backend_pid;
    struct Monitor;
    std::unique_ptr<Monitor> m_monitor; // used only by the watch thread
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopped = true;
    std::vector<engine::runtime::LockHolder> m_found;
};

} // namespace fleet::plugins::postgres
