// Replays files through the fuzz harnesses without libFuzzer: the g++ builds
// (plain and ASan) compile every harness into this one program, each entry
// point renamed by fuzz/CMakeLists.txt, and ctest's fuzz_corpus_replay runs
// the committed corpora and regression inputs through all of them.
//
//   fuzz_replay [--harness NAME] PATH...
//
// PATH is a file or a folder (read recursively). Every file goes through every
// harness (or only NAME): an input meant for one parser must not crash
// another either. Exit 0 when all ran; 1 when a harness let an exception
// other than fleet::Error out (a crash or a sanitizer report ends the process
// on its own, after the "replaying" line that names the input).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#define FLEET_FUZZ_HARNESS(name)                                                                   \
    extern "C" int fleet_fuzz_##name(const std::uint8_t* data, std::size_t size);
FLEET_FUZZ_HARNESS(sql_script)
FLEET_FUZZ_HARNESS(sql_splitter)
FLEET_FUZZ_HARNESS(yaml_script)
FLEET_FUZZ_HARNESS(yaml_ops)
FLEET_FUZZ_HARNESS(inventory)
FLEET_FUZZ_HARNESS(database_url)
FLEET_FUZZ_HARNESS(revision_identifier)
#undef FLEET_FUZZ_HARNESS

namespace {

struct Harness {
    std::string_view name;
    int (*run)(const std::uint8_t*, std::size_t);
};

constexpr Harness k_harnesses[] = {
    {"sql_script", fleet_fuzz_sql_script},
    {"sql_splitter", fleet_fuzz_sql_splitter},
    {"yaml_script", fleet_fuzz_yaml_script},
    {"yaml_ops", fleet_fuzz_yaml_ops},
    {"inventory", fleet_fuzz_inventory},
    {"database_url", fleet_fuzz_database_url},
    {"revision_identifier", fleet_fuzz_revision_identifier},
};

std::vector<std::filesystem::path> files_under(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
            if (entry.is_regular_file()) files.push_back(entry.path());
    } else {
        files.push_back(path);
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

int main(int argc, char** argv) {
    std::string_view only;
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--harness" && i + 1 < argc) {
            only = argv[++i];
            continue;
        }
        if (!std::filesystem::exists(arg)) {
            std::fprintf(stderr, "fuzz_replay: %s does not exist\n", argv[i]);
            return 2;
        }
        auto found = files_under(arg);
        files.insert(files.end(), found.begin(), found.end());
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: fuzz_replay [--harness NAME] PATH...\n");
        return 2;
    }

    int harnesses = 0;
    for (const Harness& harness : k_harnesses) {
        if (!only.empty() && harness.name != only) continue;
        ++harnesses;
        for (const auto& file : files) {
            std::ifstream in(file, std::ios::binary);
            std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            std::printf("replaying %s %s\n", std::string(harness.name).c_str(), file.c_str());
            std::fflush(stdout);
            try {
                harness.run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            } catch (const std::exception& error) {
                std::printf("FAILED: %s let an exception out on %s: %s\n",
                            std::string(harness.name).c_str(), file.c_str(), error.what());
                return 1;
            } catch (...) {
                std::printf("FAILED: %s let a non-std exception out on %s\n",
                            std::string(harness.name).c_str(), file.c_str());
                return 1;
            }
        }
    }
    if (harnesses == 0) {
        std::fprintf(stderr, "fuzz_replay: no harness called %s\n", std::string(only).c_str());
        return 2;
    }
    std::printf("replayed %zu files through %d harnesses: no finding\n", files.size(), harnesses);
    return 0;
}
