#include "orchestrator/notify/delivery_worker.hpp"

#include "orchestrator/logging/log.hpp"
#include "orchestrator/notify/command_runner.hpp"
#include "orchestrator/notify/delivery.hpp"
#include "orchestrator/notify/webhook_sender.hpp"

#include <fmt/format.h>

#include <signal.h>

#include <exception>

namespace fleet::orchestrator::notify {

DeliveryWorker::DeliveryWorker(inventory::NotifyEntry entry, bool verbose)
    : m_entry(std::move(entry)), m_verbose(verbose), m_thread([this] { run(); }) {}

DeliveryWorker::~DeliveryWorker() {
    give_up();
    if (m_thread.joinable()) m_thread.join();
}

void DeliveryWorker::push(std::string event, std::string body) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stop.raised()) return;
        m_queue.push_back({std::move(event), std::move(body)});
    }
    m_changed.notify_all();
}

std::size_t DeliveryWorker::wait_until(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(m_mutex);
    m_changed.wait_until(lock, deadline, [this] { return m_queue.empty() && !m_busy; });
    return m_queue.size() + (m_busy ? 1 : 0);
}

void DeliveryWorker::give_up() noexcept {
    {
        std::lock_guard lock(m_mutex);
        m_stop.raise();
        m_queue.clear();
    }
    m_changed.notify_all();
}

void DeliveryWorker::run() {
    // A command that exits without reading its input raises SIGPIPE on the
    // write; blocked here, the write merely fails with EPIPE instead of the
    // signal ending fleet.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    for (;;) {
        Event event;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stop.raised() || !m_queue.empty(); });
            if (m_stop.raised()) return;
            event = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        deliver(event);
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
        }
        m_changed.notify_all();
    }
}

void DeliveryWorker::deliver(const Event& event) {
    const std::string endpoint = endpoint_name(m_entry);
    try {
        const Delivery delivery = m_entry.webhook.empty()
                                      ? run_command(m_entry, event.name, event.body, m_stop)
                                      : post_webhook(m_entry, event.name, event.body, m_stop);
        const std::string attempts =
            delivery.attempts > 1 ? fmt::format(" after {} attempts", delivery.attempts) : "";
        logging::Fields fields{{"notify_event", event.name},
                               {"endpoint", endpoint},
                               {"attempts", std::int64_t{delivery.attempts}},
                               {"detail", delivery.detail}};
        if (delivery.outcome == Delivery::Outcome::failed) {
            const std::string message =
                fmt::format("notification {} to {} failed{}: {} (the rollout is not affected)",
                            event.name, endpoint, attempts, delivery.detail);
            logging::write({.level = logging::Level::warn,
                            .event = "notify_failed",
                            .message = message,
                            .text = "WARNI [fleet] " + message,
                            .fields = std::move(fields)});
        } else if (delivery.outcome == Delivery::Outcome::sent && m_verbose) {
            const std::string message = fmt::format("notification {} sent to {}{}: {}", event.name,
                                                    endpoint, attempts, delivery.detail);
            logging::write({.event = "notify_sent",
                            .message = message,
                            .text = "INFO  [fleet] " + message,
                            .fields = std::move(fields)});
        }
        // Abandoned: the notifier reports those it gave up on, all at once.
    } catch (const std::exception&) {
        // Out of memory while logging: nothing more to say, and the rollout
        // must not hear of it.
    }
}

} // namespace fleet::orchestrator::notify
