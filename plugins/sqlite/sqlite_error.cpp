#include "plugins/sqlite/sqlite_error.hpp"

#include "engine/error.hpp"
#include "engine/url/redact.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <exception>
#include <new>

namespace fleet::plugins::sqlite {

namespace {

// The message of the exception in flight; fleet errors are rethrown as they are.
std::string current_message() {
    try {
        throw;
    } catch (const fleet::Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const SQLite::Exception& e) {
        return e.what();
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

} // namespace

void throw_sqlite_error(sqlite3* db, int rc) {
    // sqlite3_errmsg describes the last failure on db; when that is not rc's
    // (rc came from somewhere else), the generic text for rc is the honest one.
    const char* message = db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (rc & 0xff)
                              ? sqlite3_errmsg(db)
                              : sqlite3_errstr(rc);
    throw DatabaseError(message != nullptr ? message : "unknown SQLite error");
}

void rethrow_as_connection_error(std::string_view display_url) {
    std::string message;
    try {
        throw;
    } catch (const ConnectionError&) {
        throw;
    } catch (const DatabaseError& e) {
        // A failure of the first read (the file is not a database) is a
        // failure to connect.
        message = e.what();
    } catch (...) {
        message = current_message();
    }
    throw ConnectionError(
        fmt::format("cannot connect to {}: {}", display_url, engine::url::mask_passwords(message)));
}

void rethrow_as_database_error() {
    std::string message = current_message();
    throw DatabaseError(message);
}

} // namespace fleet::plugins::sqlite
