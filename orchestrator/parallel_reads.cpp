#include "orchestrator/parallel_reads.hpp"

#include "orchestrator/read_progress.hpp"
#include "orchestrator/rollout/rollout_plan.hpp"
#include "orchestrator/rollout/target_slots.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <list>
#include <mutex>
#include <system_error>
#include <thread>

namespace fleet::orchestrator {

namespace {

// A target's limits: those of its environment's stage.
struct Limits {
    int concurrency = 1;
    int per_host = 1;
};

std::vector<Limits> limits_of(const rollout::RolloutPlan& plan) {
    std::vector<Limits> limits(plan.target_count());
    for (const auto& stage : plan.stages) {
        const Limits stage_limits{std::max(stage.settings.concurrency, 1),
                                  std::max(stage.settings.per_host, 1)};
        for (const auto& wave : stage.waves)
            for (std::size_t i : wave.targets)
                limits[i] = stage_limits;
    }
    return limits;
}

} // namespace

void for_each_target_in_parallel(const std::vector<inventory::TargetSpec>& targets,
                                 const std::function<void(std::size_t)>& read,
                                 ReadProgress* progress) {
    const auto plan = rollout::plan_rollout(targets);
    const auto limits = limits_of(plan);
    rollout::TargetSlots slots(plan.host_keys);

    std::mutex mutex; // guards slots, pending, failure
    std::condition_variable slot_freed;
    std::list<std::size_t> pending;
    for (std::size_t i = 0; i < targets.size(); ++i)
        pending.push_back(i);
    std::exception_ptr failure;

    auto worker = [&] {
        std::unique_lock lock(mutex);
        while (!pending.empty() && !failure) {
            auto next = std::find_if(pending.begin(), pending.end(), [&](std::size_t i) {
                return slots.fits(i, limits[i].concurrency, limits[i].per_host);
            });
            if (next == pending.end()) {
                // Something runs (with none running every target fits): wait
                // for it to end.
                slot_freed.wait(lock);
                continue;
            }
            const std::size_t index = *next;
            pending.erase(next);
            slots.take(index);
            lock.unlock();
            std::exception_ptr thrown;
            try {
                if (progress) progress->started();
                read(index);
            } catch (...) {
                thrown = std::current_exception();
            }
            if (progress) progress->finished();
            lock.lock();
            slots.give_back(index);
            if (thrown && !failure) failure = thrown;
            slot_freed.notify_all();
        }
    };

    // As many threads as the most targets that may ever read at once; this
    // one is one of them.
    const auto most = static_cast<std::size_t>(plan.max_concurrency());
    const std::size_t threads = std::min(most, targets.size());
    std::vector<std::thread> extra;
    for (std::size_t t = 1; t < threads; ++t) {
        try {
            extra.emplace_back(worker);
        } catch (const std::system_error&) {
            break; // no more threads: the ones there read everything, only slower
        }
    }
    worker();
    for (auto& thread : extra)
        thread.join();
    if (failure) std::rethrow_exception(failure);
}

} // namespace fleet::orchestrator
