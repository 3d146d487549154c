#include "plugins/driver_registry.hpp"

#include "engine/error.hpp"
#include "plugins/postgres_driver.hpp"
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

// Opening a SQLite file creates it; a command that fails on bad input must not
// leave one behind, so it asks first.
bool sqlite_exists(const DatabaseUrl& url) {
    if (url.in_memory()) return true;
    std::error_code error;
    return std::filesystem::exists(url.database, error);
}

const Driver& sqlite_driver() {
    static const Driver k_driver{"sqlite", sqlite::SqliteDialect::instance(), &connect_sqlite,
                                 &sqlite_exists};
    return k_driver;
}

// The table: one row per database fleet knows, in name order. A row gives the
// driver on demand, so a driver that lives in a module (PostgreSQL) is loaded
// only when a URL of its scheme is used.
struct Row {
    std::string_view scheme;
    const Driver& (*driver)();
};

constexpr std::array<Row, 2> k_rows{{
    {"postgresql", &postgres_driver},
    {"sqlite", &sqlite_driver},
}};

// "a and b", "a, b and c".
std::string spelled_out(const std::vector<std::string_view>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

} // namespace

std::vector<std::string_view> known_schemes() {
    std::vector<std::string_view> schemes;
    for (const Row& row : k_rows)
        schemes.push_back(row.scheme);
    return schemes;
}

const Driver& driver_for(const DatabaseUrl& url) {
    for (const Row& row : k_rows) {
        if (row.scheme == url.scheme) return row.driver();
    }
    throw UsageError(fmt::format("invalid database URL '{}': unknown scheme '{}' (fleet knows {})",
                                 url.masked(), url.scheme, spelled_out(known_schemes())));
}

std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) {
    return driver_for(url).connect(url, options);
}

const engine::ops::Dialect& dialect_for(const DatabaseUrl& url) { return driver_for(url).dialect; }

} // namespace fleet::plugins
