#pragma once

#include "engine/script/script.hpp"

#include <string>
#include <string_view>

namespace fleet::engine::script {

// Parses the text of a YAML revision file (INTERFACE.md "A YAML revision"):
// revision, down_revision, branch_labels, depends_on, message, create_date,
// transactional, and the upgrade/downgrade step lists, which land in the
// plain ("") section. Without a `downgrade` key the script cannot be
// downgraded. Fills the revision, sections, create_date and transactional; the
// caller fills path, format and checksum. `file` names the file in errors.
// Throws InputError: malformed YAML (yaml-cpp's message at its line), more
// than one document, an unknown or repeated key, a value of the wrong type, a
// bad id or label, no revision, no upgrade, a bad step.
Script parse_yaml_script(std::string_view text, const std::string& file);

} // namespace fleet::engine::script
