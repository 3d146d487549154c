#pragma once

#include "engine/error.hpp"
#include "engine/script/script.hpp"
#include "engine/script/script_file.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fleet::test {

// Writes `text` as `name` in a fresh temp folder and loads it.
inline engine::script::Script load_text(const TempDir& dir, const std::string& name,
                                        std::string_view text) {
    return engine::script::load_script_file(dir.write(name, text));
}

// The message of the InputError loading `text` as `name` throws, with the
// temp folder's path cut off so tests read "a.sql:3: ...".
inline std::string load_error(const std::string& name, std::string_view text) {
    TempDir dir;
    try {
        load_text(dir, name, text);
    } catch (const InputError& error) {
        std::string message = error.what();
        const std::string prefix = dir.path().string() + "/";
        if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
        return message;
    }
    return "(no error)";
}

// An Execute's fields, flattened for comparison.
struct Step {
    std::string sql;
    int line = 0;
    bool operator==(const Step&) const = default;
};

inline std::vector<Step> steps(const std::vector<engine::ops::Operation>& operations) {
    std::vector<Step> out;
    for (const auto& op : operations) {
        const auto& execute = std::get<engine::ops::Execute>(op);
        out.push_back({execute.sql, execute.line});
    }
    return out;
}

using Steps = std::vector<Step>;
using Strings = std::vector<std::string>;

} // namespace fleet::test

namespace doctest {
template <> struct StringMaker<fleet::test::Step> {
    static String convert(const fleet::test::Step& step) {
        return ("{" + std::to_string(step.line) + ": " + step.sql + "}").c_str();
    }
};
} // namespace doctest
