#include "plugins/driver_registry.hpp"

#include "engine/error.hpp"
#include "plugins/postgres/postgres_connection.hpp"
#include "plugins/postgres/postgres_dialect.hpp"
#include "plugins/sqlite/sqlite_connection.hpp"
#include "plugins/sqlite/sqlite_dialect.hpp"

#include <fmt/format.h>

#include <array>
#include <filesystem>

namespace fleet::plugins {

namespace {

using engine::runtime::Connection;
using engine::url::DatabaseUrl;

std::unique_ptr<Connection> connect_sqlite(const DatabaseUrl& url, const ConnectOptions& options) {
    return std::make_unique<sqlite::SqliteConnection>(url, options);
}

std::unique_ptr<Connection> connect_postgres(const DatabaseUrl& url,
                                             const ConnectOptions& options) {
    return std::make_unique<postgres::PostgresConnection>(url, options);
}

// Opening a SQLite file creates it; a command that fails on bad input must not
// leave one behind, so it asks first.
bool sqlite_exists(const DatabaseUrl& url) {
    if (url.in_memory()) return true;
    std::error_code error;
    return std::filesystem::exists(url.database, error);
}

// Connecting to a PostgreSQL database never creates one.
bool postgres_exists(const DatabaseUrl&) { return true; }

const std::array<Driver, 2>& drivers() {
    static const std::array<Driver, 2> k_drivers{{
        {"sqlite", sqlite::SqliteDialect::instance(), &connect_sqlite, &sqlite_exists},
        {"postgresql", postgres::PostgresDialect::instance(), &connect_postgres, &postgres_exists},
    }};
    return k_drivers;
}

} // namespace

const Driver& driver_for(const DatabaseUrl& url) {
    for (const Driver& driver : drivers()) {
        if (driver.scheme == url.scheme) return driver;
    }
    throw UsageError(fmt::format("no driver for '{}' in database URL '{}' (fleet knows sqlite and "
                                 "postgresql)",
                                 url.scheme, url.masked()));
}

std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) {
    return driver_for(url).connect(url, options);
}

const engine::ops::Dialect& dialect_for(const DatabaseUrl& url) { return driver_for(url).dialect; }

} // namespace fleet::plugins
