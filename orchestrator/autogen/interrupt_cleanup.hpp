#pragma once

#include <cstdint>
#include <functional>

// What must not outlive an interrupted fleet: the scratch databases and
// folders autogenerate makes. A Ctrl-C (SIGINT) or SIGTERM would otherwise
// end the process with no destructor run and leave a database on the dev
// server. While at least one removal is registered, those two signals are
// caught: a watcher thread runs every registered removal, says so on
// stderr and ends the process with exit code 1 (the code an interrupted
// rollout gives, INTERFACE.md "Exit codes"). With none registered the
// signals act as they did before.
namespace fleet::orchestrator::autogen {

class InterruptCleanup {
  public:
    // Runs `remove` if an interrupt arrives while this object lives. Make it
    // before the thing it removes exists (a removal must tolerate that the
    // thing is not there yet), so no moment is left uncovered.
    explicit InterruptCleanup(std::function<void()> remove);
    ~InterruptCleanup();
    InterruptCleanup(const InterruptCleanup&) = delete;
    InterruptCleanup& operator=(const InterruptCleanup&) = delete;

  private:
    std::uint64_t m_id;
};

} // namespace fleet::orchestrator::autogen
