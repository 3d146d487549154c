#pragma once

// Targets for the rollout scheduler's unit tests: plain values, no database.

#include "inventory/amount.hpp"
#include "inventory/settings.hpp"
#include "inventory/target_spec.hpp"

#include <string>
#include <vector>

namespace fleet::orchestrator::rollout::testing {

inline inventory::RolloutSettings
rollout_settings(int concurrency, int per_host, int canary, std::vector<inventory::Amount> batch,
                 inventory::Amount max_failures = inventory::Amount::count(0)) {
    inventory::RolloutSettings settings;
    settings.concurrency = concurrency;
    settings.per_host = per_host;
    settings.canary = canary;
    settings.batch = std::move(batch);
    settings.max_failures = max_failures;
    return settings;
}

// count targets of one environment, named t00, t01, ...; each its own
// SQLite file unless hosts > 0, then PostgreSQL databases spread round-robin
// over hosts h0, h1, ...
inline std::vector<inventory::TargetSpec> make_targets(const std::string& environment, int count,
                                                       const inventory::RolloutSettings& settings,
                                                       int hosts = 0) {
    std::vector<inventory::TargetSpec> targets;
    for (int i = 0; i < count; ++i) {
        inventory::TargetSpec target;
        target.environment = environment;
        target.name = (i < 10 ? "t0" : "t") + std::to_string(i);
        target.url_text = hosts > 0 ? "postgresql://app:secret@h" + std::to_string(i % hosts) +
                                          ":5432/db" + std::to_string(i)
                                    : "sqlite:////tmp/fleet-rollout-test/" + target.name + ".db";
        target.settings.rollout = settings;
        targets.push_back(std::move(target));
    }
    return targets;
}

inline std::vector<inventory::TargetSpec> concat(std::vector<inventory::TargetSpec> a,
                                                 const std::vector<inventory::TargetSpec>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace fleet::orchestrator::rollout::testing
