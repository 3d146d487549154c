#pragma once

#include "inventory/target_spec.hpp"
#include "orchestrator/notify/delivery_worker.hpp"
#include "orchestrator/notify/notify_event.hpp"
#include "orchestrator/rollout/progress.hpp"

#include <memory>
#include <string>
#include <vector>

namespace fleet::orchestrator::notify {

// Tells the `notify:` entries of a rollout's targets about it (INTERFACE.md,
// "Operations"), as one more observer beside the display
// (rollout::ProgressFanOut). Which entries hear what: target_failed goes to
// the failed target's own entries (its nearest `notify:`); rollout_started,
// rollout_halted and rollout_finished to every entry of any target in the
// rollout, each distinct entry once. An entry hears only the events it lists.
//
// The observer methods only build the event and queue it for the entry's
// DeliveryWorker, so the rollout never waits on a receiver; nothing they do
// can throw into the scheduler, nor change the exit code.
class Notifier : public rollout::Progress {
  public:
    // targets: the rollout's, as selected. verbose: log each delivery, not
    // only the failures.
    Notifier(const std::vector<inventory::TargetSpec>& targets, RunFacts run, bool verbose);
    // finish().
    ~Notifier() override;
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;

    void rollout_started(const rollout::RolloutPlan& plan) override;
    void target_finished(const inventory::TargetSpec& target,
                         const rollout::TargetOutcome& outcome) override;
    void halted(const std::string& reason) override;
    void rollout_finished(const rollout::RolloutReport& report) override;

    // Waits for the notifications still queued or in flight, at most
    // k_final_wait in all, then gives up on the rest and logs a warning for
    // each entry left with some. Called once the rollout has ended; later
    // calls do nothing. Never throws.
    void finish() noexcept;

  private:
    // Queues body for every entry among `entries` (indexes into m_entries)
    // that lists event.
    void send(const std::vector<std::size_t>& entries, const char* event,
              const std::string& body) noexcept;
    std::size_t index_of(const inventory::NotifyEntry& entry) const;

    RunFacts m_run;
    bool m_verbose;
    bool m_finished = false;
    std::vector<inventory::NotifyEntry> m_entries; // distinct, in first-seen order
    std::vector<std::size_t> m_all;                // 0 .. m_entries.size() - 1
    // One per entry, started at its first event; null until then.
    std::vector<std::unique_ptr<DeliveryWorker>> m_workers;
};

// A Notifier when any of targets has a notify entry; null otherwise (no
// thread, nothing loaded). Never throws but std::bad_alloc.
std::unique_ptr<Notifier> make_notifier(const std::vector<inventory::TargetSpec>& targets,
                                        RunFacts run, bool verbose);

} // namespace fleet::orchestrator::notify
