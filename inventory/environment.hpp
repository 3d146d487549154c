#pragma once

#include "inventory/settings.hpp"
#include "inventory/target_spec.hpp"

#include <string>
#include <vector>

namespace fleet::inventory {

// One environment of the inventory (dev, staging, production...).
struct Environment {
    std::string name;
    Settings settings;                 // top level and environment merged
    std::vector<TargetSpec> databases; // for_each expanded, in inventory order
    int line = 0;                      // the line of its key; 0 for --url
};

} // namespace fleet::inventory
