#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace fleet::orchestrator::rollout {

// Who is running now, in all and per server, held against the inventory's
// `concurrency` and `per_host`. The one place those limits are applied: the
// rollout scheduler books its targets here, and so do the read-only
// commands (status, plan, audit, diff, locks), so a server sees no more of
// fleet's sessions from a read than from a migration.
//
// Not thread-safe: one thread books at a time (the scheduler's io_context
// thread, or a caller holding its own mutex).
class TargetSlots {
  public:
    // host_keys: each target's host_key(), by target index.
    explicit TargetSlots(std::vector<std::string> host_keys);

    // Whether target `index` may start now: fewer than `concurrency` targets
    // run, and fewer than `per_host` on its server. Never throws.
    bool fits(std::size_t index, int concurrency, int per_host) const;
    // Counts target `index` as running. Never throws but std::bad_alloc.
    void take(std::size_t index);
    // Counts target `index` as ended; it must have been taken.
    void give_back(std::size_t index);
    // How many targets run now.
    int running() const { return m_running; }

  private:
    std::vector<std::string> m_host_keys;
    std::map<std::string, int> m_on_host;
    int m_running = 0;
};

} // namespace fleet::orchestrator::rollout
