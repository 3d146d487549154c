#pragma once

#include "plugins/driver_registry.hpp"

namespace fleet::plugins::postgres {

// The registry's row for postgresql://: PostgresDialect, PostgresConnection.
// Lives as long as the program (or the module holding it). Thread-safe.
const Driver& driver();

} // namespace fleet::plugins::postgres
