#include "engine/error.hpp"
#include "plugins/postgres_driver.hpp"

#include <fmt/format.h>

#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace fleet::plugins {

namespace {

constexpr const char* k_module_file = "fleet-postgres.so";

// Where the module may be: beside the binary (the build tree: build/fleet and
// build/fleet-postgres.so), then ../lib/fleet from it (an installed layout:
// bin/fleet and lib/fleet/fleet-postgres.so). Found from the binary's own
// path, so neither the current folder nor the environment can substitute
// another module.
std::vector<std::filesystem::path> module_candidates() {
    std::error_code error;
    auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return {};
    auto bin = self.parent_path();
    return {bin / k_module_file, (bin / ".." / "lib" / "fleet" / k_module_file).lexically_normal()};
}

const Driver& load() {
    std::vector<std::string> searched;
    for (const auto& path : module_candidates()) {
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            searched.push_back(path.string());
            continue;
        }
        // RTLD_NOW: a module that does not fit fails here, with the loader's
        // words, not at the first statement. RTLD_LOCAL: its symbols (a copy of
        // the engine's, libpq's) stay its own. Never closed: connections and
        // the dialect live in it until the process ends.
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            throw Error(
                fmt::format("cannot load the PostgreSQL driver {}: {}", path.string(), dlerror()),
                ExitCode::failed);
        }
        auto entry = reinterpret_cast<PostgresModuleEntry>(dlsym(handle, k_postgres_module_entry));
        const Driver* driver = entry != nullptr ? entry(FLEET_VERSION) : nullptr;
        if (driver == nullptr) {
            throw Error(fmt::format("cannot load the PostgreSQL driver {}: it is not fleet {}'s",
                                    path.string(), FLEET_VERSION),
                        ExitCode::failed);
        }
        return *driver;
    }
    throw Error(fmt::format("the PostgreSQL driver is not installed: no {} in {}", k_module_file,
                            searched.empty() ? std::string("(the binary's folder is unknown)")
                                             : fmt::format("{}", fmt::join(searched, " or "))),
                ExitCode::failed);
}

} // namespace

const Driver& postgres_driver() {
    // A static initialised by a call that throws is tried again next time.
    static const Driver& k_driver = load();
    return k_driver;
}

} // namespace fleet::plugins
