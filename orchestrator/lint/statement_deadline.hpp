#pragma once

#include "engine/runtime/connection.hpp"

#include <atomic>
#include <chrono>
#include <thread>

// A bound on one statement that holds on every database: when the statement
// is still running as the time runs out, the connection's cancel() stops it
// (PostgreSQL's cancel request, SQLite's interrupt). The server's own
// statement_timeout, where there is one, should fire first; this is what
// bounds a SQLite statement, and a server that does not answer.
namespace fleet::orchestrator::lint {

class StatementDeadline {
  public:
    // Watches from now on; session must outlive this object. Throws
    // std::system_error when the watching thread cannot start.
    StatementDeadline(engine::runtime::Connection& session, std::chrono::milliseconds limit);
    // Stops watching: a statement that ended in time is never cancelled.
    ~StatementDeadline() = default;
    StatementDeadline(const StatementDeadline&) = delete;
    StatementDeadline& operator=(const StatementDeadline&) = delete;

    // Whether the time ran out and the session was cancelled: it then
    // refuses every later statement, and must be given up.
    bool expired() const noexcept { return m_expired.load(std::memory_order_acquire); }

  private:
    std::atomic<bool> m_expired{false};
    std::jthread m_watch; // last: it reads m_expired, and joins before it goes
};

} // namespace fleet::orchestrator::lint
