#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

// Golden files of reports in formats that have comments (JUnit XML,
// Prometheus' text format): the lines starting with `marker` ("<!-- golden:",
// "# golden:") say what the file shows and are not part of the expected
// text; they may stand anywhere (in XML, after the declaration, so the file
// stays a document a viewer opens). FLEET_UPDATE_GOLDEN=1 rewrites the file
// from the run, keeping those lines where they were; review the diff before
// committing it.
namespace fleet::test {

inline void check_golden_text(const std::string& path, const std::string& actual,
                              const std::string& marker) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "no golden file " << path);
    std::vector<std::pair<std::size_t, std::string>> header; // line index, line
    std::string expected;
    std::size_t index = 0;
    for (std::string line; std::getline(in, line); ++index) {
        if (line.rfind(marker, 0) == 0)
            header.emplace_back(index, line);
        else
            expected += line + "\n";
    }
    in.close();
    const char* update = std::getenv("FLEET_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::vector<std::string> lines;
        std::istringstream text(actual);
        for (std::string line; std::getline(text, line);)
            lines.push_back(line);
        for (const auto& [at, line] : header)
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(std::min(at, lines.size())),
                         line);
        std::ofstream out(path);
        for (const auto& line : lines)
            out << line << "\n";
        return;
    }
    CHECK_MESSAGE(actual == expected, "golden file " << path << " differs:\n" << actual);
}

} // namespace fleet::test
