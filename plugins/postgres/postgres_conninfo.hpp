#pragma once

#include "engine/url/database_url.hpp"
#include "plugins/connect_options.hpp"

#include <chrono>
#include <string>

// What PostgresConnection hands libpq, and the words its messages use for the
// settings behind it. Pure functions, safe from any thread.
namespace fleet::plugins::postgres {

// The libpq connection string for url and options ("host='h' port='5432'
// ..."), every value quoted; the URL's query overrides options. Holds the
// password: for the driver only.
std::string connection_string(const engine::url::DatabaseUrl& url, const ConnectOptions& options);

// The inventory's `schema:` ("t_acme, public") as a search_path value, each
// name quoted as PostgreSQL needs ("t_acme, public"; "\"Acme\", public").
std::string search_path_value(const std::string& schema);

// 2s, 1.5s, 500ms: a duration as the inventory writes it.
std::string describe_duration(std::chrono::milliseconds duration);

// How long libpq waited to connect and which setting said so, for a timeout
// message: "10s, connection.connect_timeout", "3s, the URL's connect_timeout".
// libpq counts a timeout of 1 second as 2, and so does this.
std::string connect_timeout_source(const engine::url::DatabaseUrl& url,
                                   const ConnectOptions& options);

} // namespace fleet::plugins::postgres
