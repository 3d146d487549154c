#pragma once

#include "engine/url/database_url.hpp"

#include <string>
#include <string_view>

// The one place libpqxx's exceptions become fleet errors. No message built
// here ever holds a password: the URL is shown masked, and driver text is
// passed through mask_passwords() and scrubbed of the URL's own password.
namespace fleet::plugins::postgres {

// Call inside a catch block around opening a connection: rethrows the
// exception in flight as ConnectionError
// "cannot connect to postgresql://user:***@host:port/db: <libpq's words>".
// fleet errors pass through unchanged.
[[noreturn]] void rethrow_connect_error(const engine::url::DatabaseUrl& url);

// Call inside a catch block around a statement: rethrows the exception in
// flight as a fleet error. pqxx::broken_connection: ConnectionError naming the
// URL; pqxx::sql_error: DatabaseError(server message, its SQLSTATE), but
// ConnectionError "lost the connection to URL: <server message>" for class 57P
// (the server ended the session: shutdown, restart, pg_terminate_backend);
// pqxx::transaction_rollback and its kin (which in libpqxx 6.4 derive from
// failure, not sql_error): DatabaseError with the SQLSTATE of their class
// (40001, 40P01, 40003, 40000); anything else: DatabaseError. fleet errors pass
// through unchanged.
[[noreturn]] void rethrow_statement_error(const engine::url::DatabaseUrl& url);

// The server's message made fit for a fleet error: severity prefix
// ("ERROR:  ") and trailing blanks dropped, passwords masked. Exposed for tests.
std::string clean_server_message(std::string_view message, const std::string& password);

} // namespace fleet::plugins::postgres
