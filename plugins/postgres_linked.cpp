#include "plugins/postgres/postgres_driver.hpp"
#include "plugins/postgres_driver.hpp"

namespace fleet::plugins {

const Driver& postgres_driver() { return postgres::driver(); }

} // namespace fleet::plugins
