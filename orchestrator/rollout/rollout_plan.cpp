#include "orchestrator/rollout/rollout_plan.hpp"

#include <algorithm>
#include <exception>

namespace fleet::orchestrator::rollout {

namespace {

std::size_t batch_entry_size(const inventory::Amount& amount, std::size_t total) {
    const auto value = static_cast<std::size_t>(std::max(amount.value, 0));
    const std::size_t size = amount.is_percent() ? (value * total + 99) / 100 : value;
    return std::max<std::size_t>(size, 1);
}

Stage plan_stage(const std::vector<inventory::TargetSpec>& targets, std::size_t first,
                 std::size_t end) {
    Stage stage;
    stage.environment = targets[first].environment;
    stage.settings = targets[first].settings.rollout;
    stage.target_count = end - first;
    stage.max_failures = failure_limit(stage.settings.max_failures, stage.target_count);

    const int concurrency = std::max(stage.settings.concurrency, 1);
    const int per_host = std::max(stage.settings.per_host, 1);
    const auto canary = std::min<std::size_t>(
        static_cast<std::size_t>(std::max(stage.settings.canary, 0)), stage.target_count);

    auto add_wave = [&](WaveKind kind, std::size_t from, std::size_t size) {
        Wave wave;
        wave.kind = kind;
        for (std::size_t i = from; i < from + size; ++i)
            wave.targets.push_back(i);
        wave.concurrency = kind == WaveKind::canary ? 1 : concurrency;
        wave.per_host = kind == WaveKind::canary ? 1 : per_host;
        wave.pause_before =
            stage.waves.empty() ? std::chrono::milliseconds{0} : stage.settings.pause;
        stage.waves.push_back(std::move(wave));
    };

    if (canary > 0) add_wave(WaveKind::canary, first, canary);
    std::size_t next = first + canary;
    for (std::size_t size : batch_sizes(stage.target_count, end - next, stage.settings.batch)) {
        add_wave(WaveKind::batch, next, size);
        next += size;
    }
    return stage;
}

} // namespace

int RolloutPlan::max_concurrency() const {
    int most = 1;
    for (const Stage& stage : stages) {
        for (const Wave& wave : stage.waves)
            most = std::max(most, wave.concurrency);
    }
    return most;
}

std::vector<std::size_t> batch_sizes(std::size_t total, std::size_t remaining,
                                     const std::vector<inventory::Amount>& batch) {
    std::vector<std::size_t> sizes;
    std::size_t entry = 0;
    while (remaining > 0) {
        std::size_t size = batch.empty() ? remaining : batch_entry_size(batch[entry], total);
        size = std::min(size, remaining);
        sizes.push_back(size);
        remaining -= size;
        if (entry + 1 < batch.size()) ++entry;
    }
    return sizes;
}

std::size_t failure_limit(const inventory::Amount& max_failures, std::size_t total) {
    const auto value = static_cast<std::size_t>(std::max(max_failures.value, 0));
    return max_failures.is_percent() ? value * total / 100 : value;
}

std::string host_key(const inventory::TargetSpec& target) {
    try {
        const auto url = target.database_url();
        if (url.in_memory()) return "sqlite-memory:" + target.full_name();
        if (url.scheme == "sqlite") return "sqlite:" + url.database;
        return url.host_port();
    } catch (const std::exception&) {
        return "unparsed:" + target.full_name();
    }
}

RolloutPlan plan_rollout(const std::vector<inventory::TargetSpec>& targets) {
    RolloutPlan plan;
    plan.host_keys.reserve(targets.size());
    for (const auto& target : targets)
        plan.host_keys.push_back(host_key(target));

    std::size_t first = 0;
    while (first < targets.size()) {
        std::size_t end = first + 1;
        while (end < targets.size() && targets[end].environment == targets[first].environment)
            ++end;
        plan.stages.push_back(plan_stage(targets, first, end));
        first = end;
    }
    return plan;
}

} // namespace fleet::orchestrator::rollout
