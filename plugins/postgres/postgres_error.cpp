#include "plugins/postgres/postgres_error.hpp"

#include "engine/error.hpp"
#include "engine/url/redact.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>
#include <pqxx/except>

#include <exception>
#include <new>

namespace fleet::plugins::postgres {

using engine::url::DatabaseUrl;
namespace util = engine::util;

namespace {

// Passwords shorter than this are not searched for in free text: replacing
// every "ab" would garble a message more than it protects.
constexpr std::size_t k_min_scrubbed_password = 3;

std::string scrub(std::string text, const std::string& password) {
    text = engine::url::mask_passwords(text);
    if (password.size() < k_min_scrubbed_password) return text;
    for (auto at = text.find(password); at != std::string::npos; at = text.find(password, at + 3)) {
        text.replace(at, password.size(), "***");
    }
    return text;
}

std::string rtrim(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t' ||
                             text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

// Where the URL leaves host or port to libpq's defaults, say what they are.
std::string shown_url(const DatabaseUrl& url) {
    if (!url.host.empty() && url.port != 0) return url.masked();
    return fmt::format("{} ({})", url.masked(), url.host_port());
}

// libpqxx 6.4 words a lost connection after its own internals ("Could not
// obtain client encoding: not connected."); say what happened instead.
std::string lost_connection_reason(const std::string& message) {
    if (message.find("reactivation is inhibited") != std::string::npos) {
        return "the connection was lost before this statement";
    }
    // "...: not connected." at the statement after the connection died, and
    // the bare default libpqxx throws when it died during the statement (a
    // server restart, pg_terminate_backend, a network cut): the server's own
    // words stay inside libpq, where libpqxx 6.4 offers no way in.
    if (message.find("not connected") != std::string::npos ||
        message == "Connection to database failed") {
        return "the server closed the connection (it was restarted or shut down, the session was "
               "terminated, or the network failed)";
    }
    return util::one_line(message);
}

} // namespace

std::string clean_server_message(std::string_view message, const std::string& password) {
    std::string text(message);
    for (std::string_view severity : {"ERROR:  ", "FATAL:  ", "PANIC:  "}) {
        if (text.starts_with(severity)) {
            text.erase(0, severity.size());
            break;
        }
    }
    return scrub(rtrim(std::move(text)), password);
}

void rethrow_connect_error(const DatabaseUrl& url) {
    std::string message;
    try {
        throw;
    } catch (const fleet::Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const pqxx::pqxx_exception& e) {
        message = e.base().what();
    } catch (const std::exception& e) {
        message = e.what();
    } catch (...) {
        message = "unknown error";
    }
    // libpq's connection failures span lines ("...failed: Connection refused\n\tIs
    // the server running..."): one line reads better after our own prefix.
    throw ConnectionError(fmt::format("cannot connect to {}: {}", shown_url(url),
                                      util::one_line(scrub(message, url.password))));
}

void rethrow_statement_error(const DatabaseUrl& url) {
    const std::string& password = url.password;
    try {
        throw;
    } catch (const fleet::Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const pqxx::broken_connection& e) {
        throw ConnectionError(fmt::format("lost the connection to {}: {}", shown_url(url),
                                          lost_connection_reason(scrub(e.what(), password))));
    } catch (const pqxx::sql_error& e) {
        // Class 57P (admin_shutdown, crash_shutdown, ...): the server ended
        // the session and said why before the socket closed. The connection
        // is gone just the same.
        if (e.sqlstate().starts_with("57P"))
            throw ConnectionError(
                fmt::format("lost the connection to {}: {}", shown_url(url),
                            util::one_line(clean_server_message(e.what(), password))),
                e.sqlstate());
        throw DatabaseError(clean_server_message(e.what(), password), e.sqlstate());
    } catch (const pqxx::serialization_failure& e) {
        throw DatabaseError(clean_server_message(e.what(), password), "40001");
    } catch (const pqxx::deadlock_detected& e) {
        throw DatabaseError(clean_server_message(e.what(), password), "40P01");
    } catch (const pqxx::statement_completion_unknown& e) {
        throw DatabaseError(clean_server_message(e.what(), password), "40003");
    } catch (const pqxx::transaction_rollback& e) {
        throw DatabaseError(clean_server_message(e.what(), password), "40000");
    } catch (const pqxx::in_doubt_error& e) {
        throw DatabaseError(fmt::format("the server may or may not have committed: {}",
                                        clean_server_message(e.what(), password)));
    } catch (const pqxx::pqxx_exception& e) {
        throw DatabaseError(clean_server_message(e.base().what(), password));
    } catch (const std::exception& e) {
        throw DatabaseError(clean_server_message(e.what(), password));
    } catch (...) {
        throw DatabaseError("unknown error from the PostgreSQL driver");
    }
}

} // namespace fleet::plugins::postgres
