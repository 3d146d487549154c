#include "engine/error.hpp"
#include "plugins/postgres/postgres_error.hpp"

#include <doctest/doctest.h>
#include <pqxx/except>

#include <string>

using fleet::engine::url::DatabaseUrl;
using fleet::plugins::postgres::clean_server_message;
using fleet::plugins::postgres::rethrow_connect_error;
using fleet::plugins::postgres::rethrow_statement_error;

namespace {

const DatabaseUrl k_url = DatabaseUrl::parse("postgresql://app:hunter22@db.example:6543/core");

// What rethrow_statement_error makes of `error`.
template <typename Exception> fleet::DatabaseError translated(const Exception& error) {
    try {
        try {
            throw error;
        } catch (...) {
            rethrow_statement_error(k_url);
        }
    } catch (const fleet::DatabaseError& e) {
        return e;
    }
    FAIL("not translated into a DatabaseError");
    return fleet::DatabaseError("unreachable");
}

} // namespace

TEST_CASE("server messages lose their severity prefix and trailing blanks, never a word more") {
    CHECK(clean_server_message(
              "ERROR:  relation \"nope\" does not exist\nLINE 1: SELECT * FROM nope\n"
              "                      ^\n",
              "") ==
          "relation \"nope\" does not exist\nLINE 1: SELECT * FROM nope\n                      ^");
    CHECK(clean_server_message("FATAL:  too many connections", "") == "too many connections");
    CHECK(clean_server_message("plain", "") == "plain");
}

TEST_CASE("server messages never carry a password") {
    SUBCASE("a URL in the text is masked") {
        CHECK(clean_server_message("ERROR:  bad postgresql://u:hunter22@h/db", "") ==
              "bad postgresql://u:***@h/db");
    }
    SUBCASE("the connection's own password is scrubbed wherever it appears") {
        CHECK(clean_server_message("ERROR:  role hunter22 x hunter22", "hunter22") ==
              "role *** x ***");
    }
    SUBCASE("very short passwords are not searched for, so messages stay readable") {
        CHECK(clean_server_message("ERROR:  a table", "a") == "a table");
    }
}

TEST_CASE("libpqxx exceptions become fleet errors in one place") {
    SUBCASE("sql_error keeps the server's message and SQLSTATE") {
        auto error = translated(
            pqxx::sql_error("ERROR:  syntax error at or near \"SELEC\"\n", "SELEC 1", "42601"));
        CHECK(std::string(error.what()) == "syntax error at or near \"SELEC\"");
        CHECK(error.sqlstate() == "42601");
    }
    SUBCASE("the rollback family, which is no sql_error in libpqxx 6.4, keeps a SQLSTATE") {
        CHECK(translated(pqxx::deadlock_detected("ERROR:  deadlock detected")).sqlstate() ==
              "40P01");
        CHECK(translated(pqxx::serialization_failure("ERROR:  could not serialize")).sqlstate() ==
              "40001");
        CHECK(translated(pqxx::statement_completion_unknown("x")).sqlstate() == "40003");
        CHECK(translated(pqxx::transaction_rollback("x")).sqlstate() == "40000");
        CHECK(
            std::string(translated(pqxx::deadlock_detected("ERROR:  deadlock detected")).what()) ==
            "deadlock detected");
    }
    SUBCASE("a lost connection is a ConnectionError naming the URL without its password") {
        try {
            try {
                throw pqxx::broken_connection("server closed the connection unexpectedly\n");
            } catch (...) {
                rethrow_statement_error(k_url);
            }
        } catch (const fleet::ConnectionError& e) {
            CHECK(std::string(e.what()) ==
                  "lost the connection to postgresql://app:***@db.example:6543/core: server closed "
                  "the connection unexpectedly");
        }
    }
    SUBCASE("libpqxx's internal words for a lost connection are said plainly") {
        try {
            try {
                throw pqxx::broken_connection(
                    "Could not reactivate connection; reactivation is inhibited");
            } catch (...) {
                rethrow_statement_error(k_url);
            }
        } catch (const fleet::ConnectionError& e) {
            CHECK(std::string(e.what()) ==
                  "lost the connection to postgresql://app:***@db.example:6543/core: "
                  "the connection was lost before this statement");
        }
    }
    SUBCASE("the server ending the session (class 57P) is a lost connection with its words") {
        try {
            try {
                throw pqxx::sql_error(
                    "FATAL:  terminating connection due to administrator command\n",
                    "SELECT pg_sleep(5)", "57P01");
            } catch (...) {
                rethrow_statement_error(k_url);
            }
            FAIL("nothing thrown");
        } catch (const fleet::ConnectionError& e) {
            CHECK(std::string(e.what()) ==
                  "lost the connection to postgresql://app:***@db.example:6543/core: "
                  "terminating connection due to administrator command");
            CHECK(e.sqlstate() == "57P01");
        }
    }
    SUBCASE("libpqxx's bare word for a connection that broke mid-statement says what may have "
            "happened") {
        try {
            try {
                throw pqxx::broken_connection();
            } catch (...) {
                rethrow_statement_error(k_url);
            }
        } catch (const fleet::ConnectionError& e) {
            CHECK(std::string(e.what()) ==
                  "lost the connection to postgresql://app:***@db.example:6543/core: the server "
                  "closed the connection (it was restarted or shut down, the session was "
                  "terminated, or the network failed)");
        }
    }
    SUBCASE("other libpqxx and standard exceptions become plain DatabaseErrors") {
        CHECK(std::string(translated(pqxx::usage_error("misuse")).what()) == "misuse");
        CHECK(std::string(translated(pqxx::conversion_error("bad int")).what()) == "bad int");
        CHECK(std::string(translated(std::runtime_error("odd")).what()) == "odd");
        CHECK(translated(pqxx::in_doubt_error("lost")).sqlstate().empty());
    }
    SUBCASE("fleet errors pass through untouched") {
        try {
            try {
                throw fleet::UsageError("mine");
            } catch (...) {
                rethrow_statement_error(k_url);
            }
        } catch (const fleet::UsageError& e) {
            CHECK(std::string(e.what()) == "mine");
        }
    }
}

TEST_CASE("a failure to connect names the URL and what libpq said, on one line") {
    auto message = [](const DatabaseUrl& url, const std::string& libpq) {
        try {
            try {
                throw pqxx::broken_connection(libpq);
            } catch (...) {
                rethrow_connect_error(url);
            }
        } catch (const fleet::ConnectionError& e) {
            return std::string(e.what());
        }
        return std::string("not translated");
    };
    CHECK(
        message(k_url, "connection to server at \"db.example\", port 6543 failed: Connection "
                       "refused\n\tIs the server running on that host?\n") ==
        "cannot connect to postgresql://app:***@db.example:6543/core: connection to server at "
        "\"db.example\", port 6543 failed: Connection refused Is the server running on that host?");
    SUBCASE("host and port left to libpq are spelled out") {
        CHECK(message(DatabaseUrl::parse("postgresql://app:hunter22@/core"), "no") ==
              "cannot connect to postgresql://app:***@/core (localhost:5432): no");
    }
    SUBCASE("the password is scrubbed from libpq's words") {
        CHECK(message(k_url, "password=hunter22 rejected, also hunter22").find("hunter22") ==
              std::string::npos);
    }
}
