#pragma once

// Test helpers of the inventory tests: real files in a fresh folder, and an
// environment that is a plain map instead of the process's.

#include "inventory/env_expand.hpp"
#include "tests/support/temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

namespace fleet::inventory::testing {

using TempDir = fleet::test::TempDir;

// Makes folder the current directory until the end of the scope, so that a
// failing check cannot leave later tests somewhere else.
class CurrentDirectory {
  public:
    explicit CurrentDirectory(const std::filesystem::path& folder)
        : m_before(std::filesystem::current_path()) {
        std::filesystem::current_path(folder);
    }
    ~CurrentDirectory() {
        std::error_code ignored;
        std::filesystem::current_path(m_before, ignored);
    }
    CurrentDirectory(const CurrentDirectory&) = delete;
    CurrentDirectory& operator=(const CurrentDirectory&) = delete;

  private:
    std::filesystem::path m_before;
};

// An environment holding exactly these variables.
inline EnvLookup env_of(std::map<std::string, std::string> variables) {
    return
        [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
            auto found = variables.find(name);
            if (found == variables.end()) return std::nullopt;
            return found->second;
        };
}

} // namespace fleet::inventory::testing
