#pragma once

#include "engine/script/script.hpp"

#include <string>
#include <string_view>

namespace fleet::engine::script {

// Parses the text of a YAML revision file (INTERFACE.md "A YAML revision"):
// revision, down_revision, branch_labels, depends_on, message, create_date,
// transactional, allow (lint waivers), and the upgrade/downgrade step lists.
// Fills the revision, create_date, transactional, waivers and downgradable (without a `downgrade`
// key the script cannot be downgraded); the caller fills path, format and source. When `body` is
// given, also reads the steps into its plain ("") sections; without it the steps are not read.
// `file` names the file in errors. Throws InputError: malformed YAML (yaml-cpp's message at its
// line), more than one document, an unknown or repeated key, a value of the wrong type, a bad id or
// label, no revision, no upgrade, a waiver without a rule or a reason; with `body`, a bad step too.
Script parse_yaml_script(std::string_view text, const std::string& file, Body* body);

} // namespace fleet::engine::script
