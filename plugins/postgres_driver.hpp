#pragma once

#include "plugins/driver_registry.hpp"

// How the registry reaches the PostgreSQL driver. Two definitions, one per
// library, and a program links one of them:
//  - fleet_drivers (postgres_module_loader.cpp): loads fleet-postgres.so on the
//    first call, so a program that never sees a postgresql:// URL never loads
//    libpq and the Kerberos, LDAP and TLS libraries behind it (the fleet
//    binary);
//  - fleet_drivers_linked (postgres_linked.cpp): the driver linked in (tests,
//    the embedding API).
namespace fleet::plugins {

// The PostgreSQL driver. Throws fleet::Error (exit 1) naming the module and
// the folders searched when it cannot be loaded; a later call tries again.
// Thread-safe.
const Driver& postgres_driver();

// The name of the module's entry point: a C function taking FLEET_VERSION and
// returning the module's `const Driver*`, or nullptr when the module was
// built for another version.
inline constexpr const char* k_postgres_module_entry = "fleet_postgres_driver_v1";
using PostgresModuleEntry = const Driver* (*)(const char* fleet_version);

} // namespace fleet::plugins
