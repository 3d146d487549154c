#pragma once

#include <string>
#include <string_view>

struct sqlite3;

// The one place SQLite's failures (result codes of the C API, SQLite::Exception
// of SQLiteCpp, anything else a call let out) become fleet errors. SQLite has
// no SQLSTATE: the errors carry an empty one.
namespace fleet::plugins::sqlite {

// Throws DatabaseError with SQLite's message for result code rc on db
// ("near \"SELEC\": syntax error", "database is locked", "interrupted").
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc);

// Call inside a catch block while opening a database: rethrows the exception
// in flight as ConnectionError "cannot connect to <display_url>: <why>";
// fleet errors pass through unchanged.
[[noreturn]] void rethrow_as_connection_error(std::string_view display_url);

// Call inside a catch block: rethrows the exception in flight as
// DatabaseError; fleet errors pass through unchanged.
[[noreturn]] void rethrow_as_database_error();

} // namespace fleet::plugins::sqlite
