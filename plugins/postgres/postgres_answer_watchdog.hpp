#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace fleet::plugins::postgres {

// Gives up on a connection whose statement has no answer in time. A frozen
// server (a stopped backend, a hung host whose kernel still runs) keeps
// acknowledging TCP, so neither libpq nor keepalives ever notice, and libpq's
// blocking wait for the result would last forever. When the time runs out
// this shuts the socket down (shutdown(2), not close: libpq still owns the
// descriptor), so libpq's wait returns with "server closed the connection"
// and the statement fails. The server side needs nothing: a live backend
// sees the closed socket when it next answers, and rolls its transaction back.
// One thread of its own, started at the first arm(), sleeps between
// statements. Threading: arm() and disarm() from the thread running the
// statement; they alternate (arm, disarm, arm, ...).
class AnswerWatchdog {
  public:
    // timeout: how long a statement may wait for its answer; > 0.
    explicit AnswerWatchdog(std::chrono::milliseconds timeout);
    ~AnswerWatchdog();
    AnswerWatchdog(const AnswerWatchdog&) = delete;
    AnswerWatchdog& operator=(const AnswerWatchdog&) = delete;

    // Starts timing the statement about to be sent on socket. Throws
    // std::system_error when no thread can be started.
    void arm(int socket);
    // Stops timing; true when the time ran out and the socket was shut down
    // (the connection is then dead, whatever the statement returned). Never
    // throws.
    bool disarm() noexcept;

    std::chrono::milliseconds timeout() const { return m_timeout; }

  private:
    void watch();

    const std::chrono::milliseconds m_timeout;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
    bool m_quit = false;
    bool m_armed = false;
    bool m_fired = false;
    int m_socket = -1;
    unsigned long m_inode = 0; // the armed socket's inode (fstat), 0: unknown
    std::chrono::steady_clock::time_point m_deadline;
};

} // namespace fleet::plugins::postgres
