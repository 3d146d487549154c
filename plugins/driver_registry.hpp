#pragma once

#include "engine/ops/dialect.hpp"
#include "engine/runtime/connection.hpp"
#include "engine/url/database_url.hpp"
#include "plugins/connect_options.hpp"

#include <memory>
#include <string_view>
#include <vector>

// The drivers fleet has, in one explicit table keyed by URL scheme
// (driver_registry.cpp): the one place that says which databases fleet
// supports. Adding a database means adding a row there.
namespace fleet::plugins {

// One database kind: its dialect (pure, shared, lives for the whole program)
// and how to open a connection to it.
struct Driver {
    std::string_view scheme; // the DatabaseUrl::scheme it serves
    const engine::ops::Dialect& dialect;
    // Opens a connection; throws ConnectionError (unreachable, refused, bad
    // credentials: the message names host and port, never a password),
    // UsageError (options the database cannot honour) or DatabaseError.
    std::unique_ptr<engine::runtime::Connection> (*connect)(const engine::url::DatabaseUrl&,
                                                            const ConnectOptions&);
    // False when connecting would create the database (a SQLite file not there
    // yet): then it has no version table, and a command that only reads, or
    // fails before writing, must not create it. Never throws.
    bool (*exists)(const engine::url::DatabaseUrl&);
};

// The URL schemes fleet has a driver for, in name order ("postgresql",
// "sqlite"); also the dialect names revision files may use. Thread-safe.
std::vector<std::string_view> known_schemes();

// The driver for url.scheme, loading it first when it lives in a module
// (postgres_driver.hpp). Throws UsageError "invalid database URL '<masked>':
// unknown scheme 'mysql' (fleet knows postgresql and sqlite)" when fleet has
// none, fleet::Error (exit 1) when the driver's module cannot be loaded.
// Thread-safe: the table is constant, and a module is loaded once.
const Driver& driver_for(const engine::url::DatabaseUrl& url);

// Opens a connection to url with the driver for its scheme; throws as
// driver_for() and Driver::connect do. The connection is then used by one
// thread at a time. Thread-safe: two threads may connect at once.
std::unique_ptr<engine::runtime::Connection> connect(const engine::url::DatabaseUrl& url,
                                                     const ConnectOptions& options = {});

// The dialect for url's scheme, for offline --sql work with no connection.
// Throws as driver_for(). Thread-safe.
const engine::ops::Dialect& dialect_for(const engine::url::DatabaseUrl& url);

} // namespace fleet::plugins
