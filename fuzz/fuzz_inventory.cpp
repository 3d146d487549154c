// Fuzzes the inventory loader (inventory/inventory.cpp and the readers in
// inventory/detail/, with env_expand, for_each, duration and amount under
// them) on fleet.yaml text. The environment is a fixed stand-in, a for_each
// query answers three rows without a database, and globs resolve in an empty
// scratch folder, so a run reads no real configuration.
#include "engine/error.hpp"
#include "fuzz/fuzz_input.hpp"
#include "inventory/inventory.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace fleet::inventory;

const LoadOptions& options() {
    static const LoadOptions loaded = [] {
        LoadOptions made;
        made.env = [](const std::string& name) -> std::optional<std::string> {
            static const std::map<std::string, std::string> variables = {
                {"FLEET_ENV", "prod"}, {"PGPASSWORD", "s3cr$t"}, {"EMPTY", ""},
                {"CONCURRENCY", "4"},  {"BRACES", "{shard}"},    {"URL", "sqlite:///x.db"}};
            auto it = variables.find(name);
            if (it == variables.end()) return std::nullopt;
            return it->second;
        };
        made.run_query = [](const std::string&, const std::string&) {
            return std::vector<std::string>{"1", "2", "3"};
        };
        return made;
    }();
    return loaded;
}

const std::filesystem::path& scratch() {
    static const std::filesystem::path folder = [] {
        auto path = std::filesystem::temp_directory_path() / "fleet-fuzz-inventory";
        std::filesystem::create_directories(path);
        return path;
    }();
    return folder;
}

[[noreturn]] void broken(const char* promise) {
    std::fprintf(stderr, "inventory: promise broken: %s\n", promise);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<TargetSpec> targets;
    try {
        Inventory inventory =
            Inventory::parse(fleet::fuzz::text_of(data, size), "fleet.yaml", scratch(), options());
        targets = inventory.targets();
    } catch (const fleet::Error&) {
        return 0; // rejected, as expected
    }
    // target.hpp's promises for what load() accepted: a name without '/', a
    // URL that parses.
    for (const TargetSpec& target : targets) {
        if (target.name.empty() || target.name.find('/') != std::string::npos)
            broken("a target's name is non-empty, without '/'");
        try {
            (void)target.database_url();
        } catch (const fleet::Error&) {
            broken("a target's URL parses");
        }
    }
    return 0;
}
