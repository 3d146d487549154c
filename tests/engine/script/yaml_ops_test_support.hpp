#pragma once

#include "engine/error.hpp"
#include "engine/ops/operation.hpp"
#include "engine/script/script_file.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

// Reads YAML steps as a revision file "a.yaml" holds them: line 1 is
// `revision: abc`, line 2 `upgrade:`, so the first step is on line 3.
namespace fleet::test {

inline std::string revision_with(std::string_view steps) {
    return "revision: abc\nupgrade:\n" + std::string(steps);
}

// The upgrade operations `steps` read into.
inline std::vector<engine::ops::Operation> read_ops(std::string_view steps) {
    const auto script = engine::script::parse_script(revision_with(steps), "a.yaml",
                                                     engine::script::ScriptFormat::yaml);
    return script.operations(engine::script::Direction::upgrade, "");
}

// The one operation `steps` read into, as Op.
template <typename Op> Op read_op(std::string_view steps) {
    const std::vector<engine::ops::Operation> ops = read_ops(steps);
    REQUIRE(ops.size() == 1);
    REQUIRE(std::holds_alternative<Op>(ops.front()));
    return std::get<Op>(ops.front());
}

// The message of the InputError reading `steps` throws ("a.yaml:3: ...").
inline std::string read_error(std::string_view steps) {
    try {
        (void)read_ops(steps);
    } catch (const InputError& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace fleet::test
