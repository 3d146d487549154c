// The entry point of fleet-postgres.so, the PostgreSQL driver as a module the
// fleet binary loads on first use (plugins/postgres_module_loader.cpp).
#include "plugins/postgres/postgres_driver.hpp"
#include "plugins/postgres_driver.hpp"

#include <cstring>
#include <string>

// Returns the driver, or nullptr when the loading binary is another fleet
// version: Driver's layout is only promised within one build.
extern "C" const fleet::plugins::Driver* fleet_postgres_driver_v1(const char* fleet_version) {
    if (fleet_version == nullptr || std::strcmp(fleet_version, FLEET_VERSION) != 0) return nullptr;
    return &fleet::plugins::postgres::driver();
}

// The loader looks the entry up by this name.
static_assert(std::char_traits<char>::compare(fleet::plugins::k_postgres_module_entry,
                                              "fleet_postgres_driver_v1", 25) == 0);
