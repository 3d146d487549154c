#pragma once

#include "inventory/settings.hpp"
#include "orchestrator/notify/stop_flag.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace fleet::orchestrator::notify {

// One notify entry's deliveries, in the order pushed, on a thread of its own:
// the rollout only queues an event and goes on, and a receiver that hangs
// delays no other entry. Each delivery's result is logged (logging::write):
// a failure as a warning naming endpoint_name(), a success only when
// verbose. A delivery that fails is not tried again beyond what
// post_webhook() does.
class DeliveryWorker {
  public:
    // The thread starts at once and waits for events. Throws
    // std::system_error when it cannot.
    DeliveryWorker(inventory::NotifyEntry entry, bool verbose);
    // give_up(), then joins the thread.
    ~DeliveryWorker();
    DeliveryWorker(const DeliveryWorker&) = delete;
    DeliveryWorker& operator=(const DeliveryWorker&) = delete;

    // Queues one event (its name and its JSON). Returns at once; never
    // throws but std::bad_alloc. Ignored after give_up().
    void push(std::string event, std::string body);
    // Waits until every pushed event has been delivered (or has failed), or
    // until deadline; returns how many are still queued or in flight.
    std::size_t wait_until(std::chrono::steady_clock::time_point deadline);
    // Stops the delivery in flight at once and drops the queue; the thread
    // then ends. Thread-safe, never throws.
    void give_up() noexcept;

    const inventory::NotifyEntry& entry() const { return m_entry; }

  private:
    struct Event {
        std::string name;
        std::string body;
    };

    void run();
    void deliver(const Event& event);

    inventory::NotifyEntry m_entry;
    bool m_verbose;
    StopFlag m_stop;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Event> m_queue; // guarded by m_mutex
    bool m_busy = false;       // a delivery in flight; guarded by m_mutex
    std::thread m_thread;      // last: started once the rest exists
};

} // namespace fleet::orchestrator::notify
