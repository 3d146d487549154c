#include "orchestrator/notify/notifier.hpp"

#include "orchestrator/logging/log.hpp"
#include "orchestrator/notify/delivery.hpp"
#include "orchestrator/notify/notify_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

namespace fleet::orchestrator::notify {

namespace {

std::chrono::system_clock::time_point now() { return std::chrono::system_clock::now(); }

} // namespace

Notifier::Notifier(const std::vector<inventory::TargetSpec>& targets, RunFacts run, bool verbose)
    : m_run(std::move(run)), m_verbose(verbose) {
    for (const auto& target : targets)
        for (const auto& entry : target.settings.notify)
            if (std::find(m_entries.begin(), m_entries.end(), entry) == m_entries.end())
                m_entries.push_back(entry);
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        m_all.push_back(i);
    m_workers.resize(m_entries.size());
}

Notifier::~Notifier() { finish(); }

std::size_t Notifier::index_of(const inventory::NotifyEntry& entry) const {
    return static_cast<std::size_t>(std::find(m_entries.begin(), m_entries.end(), entry) -
                                    m_entries.begin());
}

void Notifier::send(const std::vector<std::size_t>& entries, const char* event,
                    const std::string& body) noexcept {
    for (std::size_t index : entries) {
        try {
            if (index >= m_entries.size()) continue;
            const auto& listened = m_entries[index].events;
            if (std::find(listened.begin(), listened.end(), event) == listened.end()) continue;
            if (!m_workers[index])
                m_workers[index] = std::make_unique<DeliveryWorker>(m_entries[index], m_verbose);
            m_workers[index]->push(event, body);
        } catch (const std::exception& error) {
            // No thread to spare: this entry misses the event, the rollout
            // goes on.
            logging::write(
                {.level = logging::Level::warn,
                 .event = "notify_failed",
                 .message = fmt::format("notification {} to {} not sent: {}", event,
                                        endpoint_name(m_entries[index]), error.what()),
                 .text = fmt::format("WARNI [fleet] notification {} to {} not sent: {}", event,
                                     endpoint_name(m_entries[index]), error.what()),
                 .fields = {{"notify_event", std::string(event)}}});
        }
    }
}

void Notifier::rollout_started(const rollout::RolloutPlan& plan) {
    send(m_all, "rollout_started", rollout_started_event(m_run, plan, now()));
}

void Notifier::target_finished(const inventory::TargetSpec& target,
                               const rollout::TargetOutcome& outcome) {
    if (outcome.state != rollout::TargetState::failed || target.settings.notify.empty()) return;
    std::vector<std::size_t> own;
    for (const auto& entry : target.settings.notify)
        own.push_back(index_of(entry));
    send(own, "target_failed", target_failed_event(m_run, outcome, now()));
}

void Notifier::halted(const std::string& reason) {
    send(m_all, "rollout_halted", rollout_halted_event(m_run, reason, now()));
}

void Notifier::rollout_finished(const rollout::RolloutReport& report) {
    send(m_all, "rollout_finished", rollout_finished_event(m_run, report, now()));
}

void Notifier::finish() noexcept {
    if (m_finished) return;
    m_finished = true;
    const auto deadline = std::chrono::steady_clock::now() + k_final_wait;
    for (auto& worker : m_workers) {
        if (!worker) continue;
        const std::size_t left = worker->wait_until(deadline);
        worker->give_up();
        if (left == 0) continue;
        try {
            const std::string message = fmt::format(
                "gave up on {} notification{} to {} still unsent {}s after the rollout ended", left,
                left == 1 ? "" : "s", endpoint_name(worker->entry()), k_final_wait.count() / 1000);
            logging::write({.level = logging::Level::warn,
                            .event = "notify_abandoned",
                            .message = message,
                            .text = "WARNI [fleet] " + message,
                            .fields = {{"endpoint", endpoint_name(worker->entry())},
                                       {"pending", static_cast<std::int64_t>(left)}}});
        } catch (const std::exception&) {
            // Nothing left to tell it with.
        }
    }
    // Each thread ends at once now that its flag is raised.
    m_workers.clear();
}

std::unique_ptr<Notifier> make_notifier(const std::vector<inventory::TargetSpec>& targets,
                                        RunFacts run, bool verbose) {
    const bool any = std::any_of(targets.begin(), targets.end(), [](const auto& target) {
        return !target.settings.notify.empty();
    });
    if (!any) return nullptr;
    return std::make_unique<Notifier>(targets, std::move(run), verbose);
}

} // namespace fleet::orchestrator::notify
