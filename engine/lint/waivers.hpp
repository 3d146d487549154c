#pragma once

#include "engine/lint/finding.hpp"
#include "engine/script/script_directory.hpp"

#include <vector>

// Waivers (`-- fleet:allow RULE reason`, `allow: [{rule, reason}]`) against
// the rule catalog. The script reader checks that each has a rule and a
// reason; only lint knows the rules.
namespace fleet::engine::lint {

// Throws InputError naming `file` and the waiver's line for the first
// waiver whose rule is not in the catalog.
void check_waivers(const std::vector<script::Waiver>& waivers, const std::string& file);

// The same for every script of the directory, in file order.
void check_waivers(const script::ScriptDirectory& scripts);

// Sets `waived` to the reason on each finding whose rule a waiver allows.
void apply_waivers(std::vector<Finding>& findings, const std::vector<script::Waiver>& waivers);

} // namespace fleet::engine::lint
