#pragma once

// Loading inventories written to a temp folder, and the "FILE:LINE: problem"
// texts their errors must read.

#include "engine/error.hpp"
#include "inventory/inventory.hpp"
#include "tests/inventory/inventory_testing.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace fleet::inventory::testing {

// The whole environment an inventory is loaded with.
using Variables = std::map<std::string, std::string>;

// A temp folder with fleet.yaml in it.
class InventoryFiles {
  public:
    explicit InventoryFiles(Variables variables = {}) : m_variables(std::move(variables)) {}

    const TempDir& dir() const { return m_dir; }
    std::string file() const { return (m_dir.path() / "fleet.yaml").string(); }

    // Writes yaml as fleet.yaml and loads it.
    Inventory load(const std::string& yaml, QueryRunner run_query = {}) const {
        m_dir.write("fleet.yaml", yaml);
        LoadOptions options;
        options.env = env_of(m_variables);
        options.run_query = std::move(run_query);
        return Inventory::load(file(), options);
    }

    // The message of an InputError at line of fleet.yaml.
    std::string at(int line, std::string_view problem) const {
        return fmt::format("{}:{}: {}", file(), line, problem);
    }
    // The message of an InputError about the whole file.
    std::string whole(std::string_view problem) const {
        return fmt::format("{}: {}", file(), problem);
    }

  private:
    TempDir m_dir;
    std::map<std::string, std::string> m_variables;
};

// The full names of targets, in order.
inline std::vector<std::string> full_names(const std::vector<TargetSpec>& targets) {
    std::vector<std::string> names;
    for (const TargetSpec& target : targets)
        names.push_back(target.full_name());
    return names;
}

// Checks that loading yaml throws fleet::InputError with exactly expected.
#define CHECK_LOAD_ERROR(files, yaml, expected)                                                    \
    do {                                                                                           \
        const std::string expected_message = (expected);                                           \
        CHECK_THROWS_WITH_AS((files).load(yaml), expected_message.c_str(), fleet::InputError);     \
    } while (false)

} // namespace fleet::inventory::testing
