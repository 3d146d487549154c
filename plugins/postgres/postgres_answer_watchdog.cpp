#include "plugins/postgres/postgres_answer_watchdog.hpp"

#include <sys/socket.h>
#include <sys/stat.h>

namespace fleet::plugins::postgres {

namespace {

// The socket's identity, to tell it from a later one given the same number.
unsigned long inode_of(int socket) {
    struct stat info {};
    return socket >= 0 && ::fstat(socket, &info) == 0 ? static_cast<unsigned long>(info.st_ino) : 0;
}

} // namespace

AnswerWatchdog::AnswerWatchdog(std::chrono::milliseconds timeout) : m_timeout(timeout) {}

AnswerWatchdog::~AnswerWatchdog() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void AnswerWatchdog::arm(int socket) {
    {
        std::lock_guard lock(m_mutex);
        m_socket = socket;
        m_inode = inode_of(socket);
        m_fired = false;
        m_armed = true;
        m_deadline = std::chrono::steady_clock::now() + m_timeout;
    }
    if (!m_thread.joinable()) {
        try {
            m_thread = std::thread([this] { watch(); });
        } catch (...) {
            std::lock_guard lock(m_mutex);
            m_armed = false;
            throw;
        }
    }
    m_wake.notify_all();
}

bool AnswerWatchdog::disarm() noexcept {
    std::lock_guard lock(m_mutex);
    m_armed = false;
    // No notify: the thread wakes at the deadline, sees nothing armed and
    // sleeps again. Waking it for every statement would cost more than that.
    return m_fired;
}

void AnswerWatchdog::watch() {
    std::unique_lock lock(m_mutex);
    while (!m_quit) {
        if (!m_armed) {
            m_wake.wait(lock, [this] { return m_quit || m_armed; });
            continue;
        }
        // The deadline may move (a later arm()): wait for the one in force.
        auto deadline = m_deadline;
        if (m_wake.wait_until(lock, deadline,
                              [&] { return m_quit || !m_armed || m_deadline != deadline; }))
            continue;
        m_fired = true;
        m_armed = false;
        // libpq closes the descriptor itself when it sees the server hang
        // up; in the moment before disarm() another connection may have
        // been given the same number. Shut down only the socket armed for.
        if (m_socket >= 0 && m_inode != 0 && inode_of(m_socket) == m_inode)
            ::shutdown(m_socket, SHUT_RDWR);
    }
}

} // namespace fleet::plugins::postgres
