#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

// What the two corpus tests (tests/engine/lint/test_corpus.cpp: the rules
// alone; tests/orchestrator/lint/test_corpus_traced.cpp: with a dry run)
// share to read tests/e2e/lint/corpus/.
namespace fleet::test::lint {

// A YAML list of strings (a manifest entry's `expect`, `setup`, ...).
inline std::vector<std::string> strings(const YAML::Node& list) {
    std::vector<std::string> out;
    for (const auto& item : list)
        out.push_back(item.as<std::string>());
    return out;
}

// A corpus file's bytes.
inline std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace fleet::test::lint
