#pragma once

#include "inventory/amount.hpp"
#include "inventory/settings.hpp"
#include "inventory/target_spec.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace fleet::orchestrator::rollout {

enum class WaveKind {
    canary, // the first targets of a stage, one at a time
    batch,  // a batch of `rollout.batch` targets
};

// Targets that run together: the next wave starts only when every target of
// this one has finished.
struct Wave {
    WaveKind kind = WaveKind::batch;
    std::vector<std::size_t> targets; // indexes into the planned targets, in inventory order
    int concurrency = 1;              // at most this many at once (1 for a canary wave)
    int per_host = 1;                 // at most this many at once on one host_key()
    std::chrono::milliseconds pause_before{0}; // wait before starting; 0 for a stage's first wave
};

// The targets of one environment, with that environment's rollout settings.
// Stages run one after another, in inventory order; a halt in one skips
// every later one.
struct Stage {
    std::string environment;
    inventory::RolloutSettings settings; // those of the stage's first target
    std::size_t target_count = 0;
    // Failures allowed: more than this halts the rollout (max_failures with
    // a percentage resolved against target_count, rounded down, so "5%" of
    // 10 targets halts at the first failure).
    std::size_t max_failures = 0;
    std::vector<Wave> waves;
};

// A rollout cut into stages and waves; no I/O.
struct RolloutPlan {
    std::vector<Stage> stages;
    std::vector<std::string> host_keys; // host_key() of each target, by index

    std::size_t target_count() const { return host_keys.size(); }
    // The largest concurrency of any wave (at least 1): the thread pool's size.
    int max_concurrency() const;
};

// The plan for targets given in inventory order (as inventory::select
// returns them).
//
// Each environment is a stage of its own, with the rollout settings of its
// first target (rollout keys are meant for the top and environment levels; a
// database-level rollout key only counts on an environment's first
// database). Per environment rather than one set for everything: each
// environment keeps its own concurrency and thresholds, and gets its own
// canary, since a canary that passed on staging says nothing about
// production's data. Consecutive targets of one environment form a stage.
//
// In a stage: the first min(canary, targets) targets form one canary wave
// (concurrency 1, so each runs alone); the rest are cut into batches by
// batch_sizes(), each with the stage's concurrency and per_host; every wave
// after the stage's first waits `pause` before it starts.
// Never throws but std::bad_alloc.
RolloutPlan plan_rollout(const std::vector<inventory::TargetSpec>& targets);

// The sizes of consecutive batches that place `remaining` targets of a stage
// of `total` targets, Ansible `serial` style: entries in order, the last one
// repeated; a percentage is of `total` and rounds up; every batch holds at
// least 1; the last batch holds what is left. An empty list means one
// batch of everything. Never throws but std::bad_alloc.
std::vector<std::size_t> batch_sizes(std::size_t total, std::size_t remaining,
                                     const std::vector<inventory::Amount>& batch);

// The number of failures tolerated out of `total` targets: a count as is, a
// percentage of total rounded down. Never throws.
std::size_t failure_limit(const inventory::Amount& max_failures, std::size_t total);

// The server a target's work loads, for per_host: PostgreSQL's host_port()
// ("db1:5432", "localhost" for a socket). A SQLite file is on no server, so
// each file is its own key ("sqlite:" and the path; each :memory: database
// its own too): per_host never throttles SQLite below `concurrency`. A URL that does not parse is
// its own key too (its work function will report the error). Never throws but std::bad_alloc.
std::string host_key(const inventory::TargetSpec& target);

} // namespace fleet::orchestrator::rollout
