#include "orchestrator/lint/statement_deadline.hpp"

#include <condition_variable>
#include <mutex>

namespace fleet::orchestrator::lint {

StatementDeadline::StatementDeadline(engine::runtime::Connection& session,
                                     std::chrono::milliseconds limit)
    : m_watch([this, &session, limit](std::stop_token stop) {
          std::mutex mutex;
          std::condition_variable_any wake;
          std::unique_lock lock(mutex);
          // Wakes early only when the object goes (a stop request).
          wake.wait_for(lock, stop, limit, [] { return false; });
          if (stop.stop_requested()) return;
          m_expired.store(true, std::memory_order_release);
          session.cancel();
      }) {}

} // namespace fleet::orchestrator::lint
