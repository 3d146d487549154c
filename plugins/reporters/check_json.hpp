#pragma once

#include "engine/ops/operation.hpp"

#include <ostream>
#include <vector>

// `fleet check --format json`: the operations autogenerate would write, as a
// document a script reads without a YAML parser (version 1, README.md of
// this folder).
namespace fleet::plugins::reporters {

// Writes {"version": 1, "exit_code", "operations": [...]}, one object per
// operation: "op" (the YAML step's name), "table" and "object" (the table,
// column, index or constraint it is about; null when none), then the keys of
// the YAML step autogenerate writes, typed as that YAML reads back.
// Pretty-printed, ending in a newline. Never throws but what out throws.
void render_check_json(const std::vector<engine::ops::Operation>& operations, int exit_code,
                       std::ostream& out);

} // namespace fleet::plugins::reporters
