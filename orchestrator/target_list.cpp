#include "orchestrator/target_list.hpp"

namespace fleet::orchestrator {

TargetList resolve_targets(const GlobalOptions& options, Needs needs) {
    return list_targets(
        select_targets(options, needs == Needs::scripts_only ? Needs::database : needs), needs);
}

TargetList list_targets(Selected selected, Needs needs) {
    TargetList list;
    list.environments = std::move(selected.environments);
    for (const auto& chosen : selected.targets)
        list.targets.push_back({chosen.environment, chosen.name, command_target(chosen, needs)});
    list.selected = std::move(selected.targets);
    return list;
}

} // namespace fleet::orchestrator
