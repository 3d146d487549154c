#include "orchestrator/rollout/target_slots.hpp"

namespace fleet::orchestrator::rollout {

TargetSlots::TargetSlots(std::vector<std::string> host_keys) : m_host_keys(std::move(host_keys)) {}

bool TargetSlots::fits(std::size_t index, int concurrency, int per_host) const {
    if (m_running >= concurrency) return false;
    const auto found = m_on_host.find(m_host_keys[index]);
    return found == m_on_host.end() || found->second < per_host;
}

void TargetSlots::take(std::size_t index) {
    ++m_running;
    ++m_on_host[m_host_keys[index]];
}

void TargetSlots::give_back(std::size_t index) {
    --m_running;
    --m_on_host[m_host_keys[index]];
}

} // namespace fleet::orchestrator::rollout
