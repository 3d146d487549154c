#pragma once

#include "engine/ops/operation.hpp"

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

// The steps of a YAML revision (`upgrade:`, `downgrade:`) read into
// operations. Each operation name maps to its own parser in one table
// (yaml_steps.cpp), so a new operation is one function and one table row.
// Private to engine/script: it exposes yaml-cpp types.
namespace fleet::engine::script {

// What a step parser needs to report where a problem is.
struct StepSource {
    const std::string& file; // names the file in errors
    std::string_view text;   // the whole file, to place SQL inside block scalars
};

// Reads a `upgrade:` or `downgrade:` value (null or a list of one-key maps)
// into operations, in order. `key` names the list in messages, `key_line` is
// its line for a null or mistyped value.
// Throws InputError: not a list, a step that is not a map of one operation,
// an unknown operation, one not supported yet, bad arguments.
std::vector<ops::Operation> parse_steps(const YAML::Node& steps, std::string_view key, int key_line,
                                        const StepSource& source);

// The 1-based line a node starts on; `fallback` when yaml-cpp has no mark
// (a null value has none of its own).
int line_of(const YAML::Node& node, int fallback);

// What a node is, for "must be X, not Y" messages: "a list", "a map", "null".
std::string_view kind_of(const YAML::Node& node);

} // namespace fleet::engine::script
