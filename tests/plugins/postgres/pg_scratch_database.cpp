#include "tests/plugins/postgres/pg_scratch_database.hpp"

#include "plugins/driver_registry.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace fleet::tests {

using engine::url::DatabaseUrl;

DatabaseUrl PgScratchDatabase::admin_url() {
    const char* text = std::getenv("FLEET_TEST_PG_URL");
    if (text == nullptr || *text == '\0') {
        FAIL("FLEET_TEST_PG_URL is not set: start a cluster with scripts/pg_cluster.sh start DIR "
             "and export its URL (scripts/test.sh does both)");
    }
    return DatabaseUrl::parse(text);
}

PgScratchDatabase::PgScratchDatabase() {
    static std::atomic<int> counter{0};
    DatabaseUrl admin = admin_url();
    m_url = admin;
    m_url.database = fmt::format("fleet_test_{}_{}", static_cast<long>(getpid()), ++counter);
    auto connection = plugins::connect(admin);
    connection->execute("DROP DATABASE IF EXISTS " + m_url.database);
    connection->execute("CREATE DATABASE " + m_url.database);
}

PgScratchDatabase::~PgScratchDatabase() {
    try {
        auto connection = plugins::connect(admin_url());
        connection->execute("DROP DATABASE IF EXISTS " + m_url.database + " WITH (FORCE)");
    } catch (...) {
        // Leave it to the cluster's removal; a destructor must not throw.
    }
}

} // namespace fleet::tests
