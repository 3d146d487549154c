#include "plugins/postgres/postgres_driver.hpp"

#include "plugins/postgres/postgres_connection.hpp"
#include "plugins/postgres/postgres_dialect.hpp"

namespace fleet::plugins::postgres {

namespace {

using engine::runtime::Connection;
using engine::url::DatabaseUrl;

std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) {
    return std::make_unique<PostgresConnection>(url, options);
}

// Connecting to a PostgreSQL database never creates one.
bool exists(const DatabaseUrl&) { return true; }

} // namespace

const Driver& driver() {
    static const Driver k_driver{"postgresql", PostgresDialect::instance(), &connect, &exists};
    return k_driver;
}

} // namespace fleet::plugins::postgres
