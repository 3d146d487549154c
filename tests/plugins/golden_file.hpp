#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

// Golden files of rendered SQL (tests/plugins/golden): a file opens with
// "-- golden:" lines saying what it shows; the rest is the expected text.
// FLEET_UPDATE_GOLDEN=1 rewrites the rest from the run, keeping those lines;
// review the diff before committing it.
namespace fleet::tests {

inline void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = std::string(FLEET_GOLDEN_DIR) + "/" + name;
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "no golden file " << path);
    std::string header;
    std::ostringstream expected;
    for (std::string line; std::getline(in, line);) {
        if (expected.tellp() == 0 && line.rfind("-- golden:", 0) == 0)
            header += line + "\n";
        else
            expected << line << "\n";
    }
    in.close();
    const char* update = std::getenv("FLEET_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(path) << header << actual;
        return;
    }
    CHECK_MESSAGE(actual == expected.str(), "golden file " << path << " differs:\n" << actual);
}

} // namespace fleet::tests
