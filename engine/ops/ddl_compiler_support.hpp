#pragma once

#include "engine/error.hpp"
#include "engine/ops/ddl_compiler.hpp"

#include <string>
#include <utility>
#include <vector>

// What the default renderers (ddl_compiler.cpp) and their shared pieces
// (ddl_compiler_pieces.cpp) both need. Not part of the compiler's interface.
namespace fleet::engine::ops::detail {

// An operation the compiler cannot render: bad input (exit 2). No file or
// line here: the revision reader adds the step's.
[[noreturn]] inline void fail(const std::string& problem) { throw InputError({}, 0, problem); }

// One statement, run inside the migration's transaction.
inline std::vector<Statement> one(std::string sql) { return {Statement{std::move(sql), false}}; }

} // namespace fleet::engine::ops::detail
