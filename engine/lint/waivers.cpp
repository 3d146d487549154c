#include "engine/lint/waivers.hpp"

#include "engine/error.hpp"
#include "engine/lint/rules.hpp"

#include <fmt/format.h>

namespace fleet::engine::lint {

void check_waivers(const std::vector<script::Waiver>& waivers, const std::string& file) {
    for (const auto& waiver : waivers) {
        if (find_rule(waiver.rule)) continue;
        std::vector<std::string_view> ids;
        for (const Rule& rule : rule_catalog())
            ids.push_back(rule.id);
        throw InputError(file, waiver.line,
                         fmt::format("the waiver names no lint rule '{}' (the rules: {})",
                                     waiver.rule, fmt::join(ids, ", ")));
    }
}

void check_waivers(const script::ScriptDirectory& scripts) {
    for (const auto& script : scripts.scripts())
        check_waivers(script.waivers, script.path);
}

void apply_waivers(std::vector<Finding>& findings, const std::vector<script::Waiver>& waivers) {
    for (auto& finding : findings)
        for (const auto& waiver : waivers)
            if (waiver.rule == finding.rule) finding.waived = waiver.reason;
}

} // namespace fleet::engine::lint
