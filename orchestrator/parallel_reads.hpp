#pragma once

#include "inventory/target_spec.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace fleet::orchestrator {

class ReadProgress;

// Calls read(i) for every target i, several at once, under the limits a
// rollout of the same targets keeps to: each environment's `concurrency`
// (targets read at once) and `per_host` (at most that many on one server),
// from its first target's rollout settings, as plan_rollout() reads them.
// The read-only commands (status, plan, audit, diff, locks) wait on
// databases, not CPU, so reading several at once matters; the limits keep a
// `fleet status` from opening more sessions on a server than the inventory
// allows a migration. No canary, batches or pause: a read changes nothing
// to watch. Targets start in inventory order; one whose server is full lets
// later ones on other servers go first.
//
// read must be safe to call from several threads at once (the per-target
// engine functions are: they share only const Projects). The first
// exception read throws is rethrown here once every running read has ended,
// and no read starts after it; the per-target functions never throw but
// bad_alloc. progress, when given, hears each read start and end.
void for_each_target_in_parallel(const std::vector<inventory::TargetSpec>& targets,
                                 const std::function<void(std::size_t)>& read,
                                 ReadProgress* progress = nullptr);

// The same, collecting read(i)'s results in target order.
template <typename Result, typename Read>
std::vector<Result> read_in_parallel(const std::vector<inventory::TargetSpec>& targets, Read read,
                                     ReadProgress* progress = nullptr) {
    std::vector<Result> results(targets.size());
    for_each_target_in_parallel(
        targets, [&](std::size_t i) { results[i] = read(i); }, progress);
    return results;
}

} // namespace fleet::orchestrator
