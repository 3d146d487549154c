#include "orchestrator/only_failed.hpp"

#include "engine/util/text.hpp"
#include "orchestrator/logging/log.hpp"
#include "orchestrator/rollout/rollout_json.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace fleet::orchestrator {

namespace {

using rollout::TargetState;

void warn(const std::string& message) {
    logging::write({.level = logging::Level::warn,
                    .event = "only_failed",
                    .message = message,
                    .text = "WARNING: " + message});
}

// Long lists are cut, as elsewhere in fleet's messages.
std::string listed(const std::vector<std::string>& names) {
    constexpr std::size_t k_shown = 8;
    return engine::util::name_list(names, k_shown);
}

} // namespace

void narrow_to_failed(inventory::Selection& selection,
                      const std::vector<inventory::TargetSpec>& inventory,
                      const std::filesystem::path& report) {
    const auto document = rollout::read_rollout_json(report);
    std::set<std::string> rerun;
    std::vector<std::string> skipped;
    for (const auto& outcome : document.report.outcomes) {
        if (outcome.state == TargetState::failed || outcome.state == TargetState::cancelled)
            rerun.insert(outcome.target);
        else if (outcome.state == TargetState::skipped)
            skipped.push_back(outcome.target);
    }

    std::vector<std::string> gone;
    for (const auto& name : rerun) {
        const bool known = std::any_of(inventory.begin(), inventory.end(),
                                       [&](const auto& t) { return t.full_name() == name; });
        if (!known) gone.push_back(name);
    }
    if (!gone.empty())
        warn(fmt::format("--only-failed: {} failed target(s) of {} are not in the inventory any "
                         "more and are not run again: {}",
                         gone.size(), report.string(), listed(gone)));
    if (!skipped.empty())
        warn(fmt::format("--only-failed: {} target(s) {} shows skipped (never started) are not "
                         "run again; run without --only-failed to finish them: {}",
                         skipped.size(), report.string(), listed(skipped)));

    std::erase_if(selection.targets, [&](const inventory::TargetSpec& target) {
        return !rerun.contains(target.full_name());
    });
    std::vector<std::string> environments;
    for (const auto& environment : selection.environments) {
        const bool kept = std::any_of(selection.targets.begin(), selection.targets.end(),
                                      [&](const auto& t) { return t.environment == environment; });
        if (kept) environments.push_back(environment);
    }
    selection.environments = std::move(environments);
}

} // namespace fleet::orchestrator
