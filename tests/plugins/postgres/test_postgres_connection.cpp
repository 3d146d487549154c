#include "engine/error.hpp"
#include "plugins/driver_registry.hpp"
#include "plugins/postgres/postgres_connection.hpp"
#include "plugins/postgres/postgres_conninfo.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

using fleet::engine::runtime::Row;
using fleet::engine::runtime::Rows;
using fleet::engine::url::DatabaseUrl;
using fleet::plugins::ConnectOptions;
using fleet::plugins::postgres::connection_string;
using fleet::plugins::postgres::PostgresConnection;
using fleet::tests::PgScratchDatabase;

namespace {

std::string scalar(PostgresConnection& connection, const std::string& sql) {
    Rows rows = connection.query(sql);
    REQUIRE(rows.size() >= 1);
    REQUIRE(rows[0].size() >= 1);
    REQUIRE(rows[0][0].has_value());
    return *rows[0][0];
}

// A loopback port nothing listens on: bound, then released.
int closed_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t size = sizeof address;
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    close(fd);
    return ntohs(address.sin_port);
}

// The DatabaseError that running sql throws.
fleet::DatabaseError error_of(PostgresConnection& connection, const std::string& sql) {
    try {
        connection.execute(sql);
    } catch (const fleet::DatabaseError& e) {
        return e;
    }
    FAIL("no error from: " << sql);
    return fleet::DatabaseError("unreachable");
}

} // namespace

TEST_CASE("the libpq connection string quotes every value and lets the URL's query win") {
    auto url = DatabaseUrl::parse("postgresql://app:it's\\x@[::1]:5433/core?sslmode=require&"
                                  "connect_timeout=3");
    ConnectOptions options;
    options.application_name = "fleet test";
    CHECK(connection_string(url, options) ==
          "application_name='fleet test' connect_timeout='3' dbname='core' host='::1' "
          "password='it\\'s\\\\x' port='5433' sslmode='require' user='app'");
    SUBCASE("parts the URL leaves out are left to libpq") {
        ConnectOptions none;
        none.application_name.clear();
        none.connect_timeout_seconds = 0;
        CHECK(connection_string(DatabaseUrl::parse("postgresql://"), none).empty());
    }
}

TEST_CASE("a PostgreSQL connection runs statements and returns text rows") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    CHECK(connection.dialect().name() == "postgresql");
    CHECK(connection.display_url() == db.url().masked());
    CHECK(connection.display_url().find(db.url().password) == std::string::npos);

    SUBCASE("query: values as text, NULL as nullopt") {
        Rows rows = connection.query("SELECT 1, 'x', NULL::text, 2.5");
        CHECK(rows == Rows{Row{"1", "x", std::nullopt, "2.5"}});
        CHECK(connection.query("SELECT 1 WHERE false").empty());
    }
    SUBCASE("execute: the rows a statement affected, 0 for DDL") {
        CHECK(connection.execute("CREATE TABLE t (id serial PRIMARY KEY, name text)") == 0);
        CHECK(connection.execute("INSERT INTO t (name) VALUES ('a'), ('b'), ('c')") == 3);
        CHECK(connection.execute("UPDATE t SET name = 'z' WHERE id > 1") == 2);
        CHECK(connection.execute("DELETE FROM t") == 3);
    }
    SUBCASE("the session is fleet's, in the database asked for") {
        CHECK(scalar(connection, "SELECT current_setting('application_name')") == "fleet");
        CHECK(scalar(connection, "SELECT current_database()") == db.name());
        CHECK(std::to_string(connection.backend_pid()) ==
              scalar(connection, "SELECT pg_backend_pid()"));
    }
}

TEST_CASE("server notices go to on_notice, never to stderr") {
    PgScratchDatabase db;
    SUBCASE("with a receiver, each notice reaches it, without its newline") {
        std::vector<std::string> notices;
        ConnectOptions options;
        options.on_notice = [&notices](const std::string& notice) { notices.push_back(notice); };
        PostgresConnection connection(db.url(), options);
        connection.execute("DROP TABLE IF EXISTS nope");
        REQUIRE(notices.size() == 1);
        CHECK(notices[0].find("does not exist, skipping") != std::string::npos);
        CHECK(notices[0].back() != '\n');
    }
    SUBCASE("without one, they are dropped and the statement still runs") {
        PostgresConnection connection(db.url(), {});
        CHECK(connection.execute("DROP TABLE IF EXISTS nope") == 0);
    }
}

TEST_CASE("DDL inside a PostgreSQL transaction rolls back") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    connection.execute("CREATE TABLE existing (id int)");

    SUBCASE("CREATE, ALTER and INSERT all vanish on rollback") {
        connection.begin();
        CHECK(connection.in_transaction());
        connection.execute("CREATE TABLE accounts (id int PRIMARY KEY)");
        connection.execute("ALTER TABLE existing ADD COLUMN note text");
        connection.execute("INSERT INTO existing (id) VALUES (1)");
        CHECK(connection.table_exists("", "accounts"));
        connection.rollback();
        CHECK_FALSE(connection.in_transaction());
        CHECK_FALSE(connection.table_exists("", "accounts"));
        CHECK(connection.query("SELECT * FROM existing").empty());
        CHECK(scalar(connection, "SELECT count(*) FROM information_schema.columns "
                                 "WHERE table_name = 'existing'") == "1");
    }
    SUBCASE("committed DDL is seen by another connection") {
        connection.begin();
        connection.execute("CREATE TABLE accounts (id int PRIMARY KEY)");
        connection.commit();
        CHECK_FALSE(connection.in_transaction());
        PostgresConnection other(db.url(), {});
        CHECK(other.table_exists("", "accounts"));
    }
    SUBCASE("a failed statement is followed by rollback, and the connection goes on") {
        connection.begin();
        connection.execute("CREATE TABLE accounts (id int)");
        CHECK(error_of(connection, "INSERT INTO accounts VALUES ('x')").sqlstate() == "22P02");
        CHECK(connection.in_transaction());
        // Everything after the failure is refused until the rollback.
        CHECK(error_of(connection, "SELECT 1").sqlstate() == "25P02");
        connection.rollback();
        CHECK_FALSE(connection.table_exists("", "accounts"));
        CHECK(scalar(connection, "SELECT 1") == "1");
    }
    SUBCASE("committing a failed transaction is an error and commits nothing") {
        connection.begin();
        connection.execute("CREATE TABLE accounts (id int)");
        CHECK_THROWS(connection.execute("SELEC 1"));
        try {
            connection.commit();
            FAIL("commit of a failed transaction succeeded");
        } catch (const fleet::DatabaseError& e) {
            CHECK(e.sqlstate() == "25P02");
        }
        CHECK_FALSE(connection.in_transaction());
        CHECK_FALSE(connection.table_exists("", "accounts"));
        connection.begin(); // a new transaction starts clean
        connection.execute("CREATE TABLE accounts (id int)");
        connection.commit();
        CHECK(connection.table_exists("", "accounts"));
    }
}

TEST_CASE("PostgreSQL transaction control refuses what makes no sense") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    SUBCASE("begin inside a transaction throws") {
        connection.begin();
        try {
            connection.begin();
            FAIL("no error");
        } catch (const fleet::DatabaseError& e) {
            CHECK(e.sqlstate() == "25001");
        }
        connection.rollback();
    }
    SUBCASE("commit without a transaction throws") {
        CHECK_THROWS_AS(connection.commit(), fleet::DatabaseError);
    }
    SUBCASE("rollback without a transaction does nothing") { CHECK_NOTHROW(connection.rollback()); }
}

TEST_CASE("PostgreSQL errors carry the server's message and SQLSTATE") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    SUBCASE("bad SQL") {
        auto error = error_of(connection, "SELEC 1");
        CHECK(error.sqlstate() == "42601");
        CHECK(std::string(error.what()).find("syntax error at or near \"SELEC\"") == 0);
        CHECK(error.exit_code() == fleet::ExitCode::failed);
    }
    SUBCASE("a missing table, from query") {
        try {
            connection.query("SELECT * FROM nope");
            FAIL("no error");
        } catch (const fleet::DatabaseError& e) {
            CHECK(e.sqlstate() == "42P01");
            CHECK(std::string(e.what()).find("relation \"nope\" does not exist") == 0);
        }
    }
    SUBCASE("a lock timeout, which the engine retries") {
        connection.execute("CREATE TABLE t (id int)");
        PostgresConnection holder(db.url(), {});
        holder.begin();
        holder.execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        connection.execute("SET lock_timeout = '100ms'");
        CHECK(error_of(connection, "ALTER TABLE t ADD COLUMN x int").sqlstate() == "55P03");
        holder.rollback();
    }
}

TEST_CASE("an unreachable PostgreSQL server is a ConnectionError naming host and port") {
    int port = closed_port();
    auto url = DatabaseUrl::parse(
        "postgresql://app:hunter22-secret@127.0.0.1:" + std::to_string(port) + "/core");
    try {
        PostgresConnection connection(url, {});
        FAIL("connected to a closed port");
    } catch (const fleet::ConnectionError& e) {
        std::string message = e.what();
        CHECK(message.find("cannot connect to postgresql://app:***@127.0.0.1:" +
                           std::to_string(port) + "/core: ") == 0);
        CHECK(message.find("hunter22") == std::string::npos);
        CHECK(message.find('\n') == std::string::npos);
        CHECK(e.exit_code() == fleet::ExitCode::failed);
    }
}

TEST_CASE("a wrong PostgreSQL password is refused without showing any password") {
    DatabaseUrl admin = PgScratchDatabase::admin_url();
    DatabaseUrl wrong = admin;
    wrong.password = "wrong-password-4711";
    try {
        PostgresConnection connection(wrong, {});
        FAIL("connected with a wrong password");
    } catch (const fleet::ConnectionError& e) {
        std::string message = e.what();
        CHECK(message.find("password authentication failed") != std::string::npos);
        CHECK(message.find("wrong-password-4711") == std::string::npos);
        CHECK(message.find(admin.password) == std::string::npos);
        CHECK(message.find(admin.host + ":" + std::to_string(admin.port)) != std::string::npos);
    }
}

TEST_CASE("the schema option sets search_path for the target") {
    PgScratchDatabase db;
    {
        PostgresConnection setup(db.url(), {});
        setup.execute("CREATE SCHEMA t_acme");
        setup.execute("CREATE SCHEMA \"Tenant-2\"");
    }
    SUBCASE("unqualified names land in and are found in the schema") {
        ConnectOptions options;
        options.schema = "t_acme";
        PostgresConnection tenant(db.url(), options);
        CHECK(scalar(tenant, "SHOW search_path") == "t_acme");
        tenant.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL)");
        CHECK(tenant.table_exists("", "alembic_version"));
        CHECK(tenant.table_exists("t_acme", "alembic_version"));
        CHECK_FALSE(tenant.table_exists("public", "alembic_version"));

        PostgresConnection plain(db.url(), {});
        CHECK_FALSE(plain.table_exists("", "alembic_version"));
        CHECK(plain.table_exists("t_acme", "alembic_version"));
    }
    SUBCASE("a name that needs quoting and a list of schemas") {
        ConnectOptions options;
        options.schema = "Tenant-2, public";
        PostgresConnection tenant(db.url(), options);
        CHECK(scalar(tenant, "SHOW search_path") == "\"Tenant-2\", public");
        tenant.execute("CREATE TABLE accounts (id int)");
        CHECK(tenant.table_exists("Tenant-2", "accounts"));
    }
}

TEST_CASE("table_exists finds tables by schema or along search_path") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    connection.execute("CREATE TABLE accounts (id int)");
    connection.execute("CREATE VIEW accounts_view AS SELECT * FROM accounts");
    connection.execute("CREATE SCHEMA other");
    connection.execute("CREATE TABLE other.hidden (id int)");
    connection.execute("CREATE TABLE \"MixedCase\" (id int)");
    CHECK(connection.table_exists("", "accounts"));
    CHECK(connection.table_exists("public", "accounts"));
    CHECK(connection.table_exists("", "accounts_view"));
    CHECK_FALSE(connection.table_exists("", "hidden")); // not on search_path
    CHECK(connection.table_exists("other", "hidden"));
    CHECK_FALSE(connection.table_exists("nope", "accounts"));
    CHECK(connection.table_exists("", "MixedCase"));
    CHECK_FALSE(connection.table_exists("", "mixedcase"));
    CHECK_FALSE(connection.table_exists("", "pg_class")); // catalogs are not user tables
    CHECK_FALSE(connection.table_exists("", "it's"));
}

TEST_CASE("a read-only PostgreSQL connection refuses to write") {
    PgScratchDatabase db;
    ConnectOptions options;
    options.read_only = true;
    PostgresConnection connection(db.url(), options);
    CHECK(scalar(connection, "SELECT 1") == "1");
    CHECK(error_of(connection, "CREATE TABLE t (id int)").sqlstate() == "25006");
}

TEST_CASE(
    "cancel() from another thread stops a running PostgreSQL statement, and every later one") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    connection.begin();
    connection.execute("CREATE TABLE kept_out (id int)");
    std::thread canceller([&connection] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        connection.cancel();
    });
    auto started = std::chrono::steady_clock::now();
    auto error = error_of(connection, "SELECT pg_sleep(30)");
    canceller.join();
    CHECK(error.sqlstate() == "57014");
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    // A cancel that lands between two statements must not be lost: nothing
    // new starts, but the transaction can still be rolled back.
    auto refused = error_of(connection, "SELECT 1");
    CHECK(refused.sqlstate() == "57014");
    CHECK(std::string(refused.what()).find("cancelled (a stop was requested)") !=
          std::string::npos);
    connection.rollback();
    PostgresConnection reader(db.url(), {});
    CHECK_FALSE(reader.table_exists("", "kept_out"));
}

TEST_CASE("a lost PostgreSQL connection is an error, never a silent reconnection") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    connection.begin();
    connection.execute("CREATE TABLE accounts (id int)");
    {
        PostgresConnection admin(db.url(), {});
        admin.execute("SELECT pg_terminate_backend(" + std::to_string(connection.backend_pid()) +
                      ")");
    }
    try {
        connection.execute("CREATE TABLE more (id int)");
        FAIL("a statement ran after the connection was lost");
    } catch (const fleet::ConnectionError& e) {
        // Also when the server said why it closed the session (57P01)
        // before the socket was seen closed.
        std::string message = e.what();
        CHECK(message.find(db.url().masked()) != std::string::npos);
        CHECK(message.find(db.url().password) == std::string::npos);
    }
    CHECK_THROWS_AS(connection.execute("SELECT 1"), fleet::ConnectionError);
    CHECK_THROWS_AS(connection.rollback(), fleet::ConnectionError);
    CHECK_FALSE(connection.in_transaction()); // the server dropped it with the session
    PostgresConnection check(db.url(), {});
    CHECK_FALSE(check.table_exists("", "accounts"));
    CHECK_FALSE(check.table_exists("", "more"));
}

TEST_CASE(
    "a session ended while its statement runs is a ConnectionError saying so, and rolls back") {
    PgScratchDatabase db;
    PostgresConnection connection(db.url(), {});
    connection.begin();
    connection.execute("CREATE TABLE accounts (id int)");
    const int pid = connection.backend_pid();
    std::thread terminator([&db, pid] {
        PostgresConnection admin(db.url(), {});
        for (int i = 0; i < 200; ++i) {
            auto active = admin.query(fmt::format(
                "SELECT 1 FROM pg_stat_activity WHERE pid = {} AND state = 'active'", pid));
            if (!active.empty()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        admin.execute(fmt::format("SELECT pg_terminate_backend({})", pid));
    });
    std::string message;
    try {
        connection.execute("SELECT pg_sleep(30)");
    } catch (const fleet::ConnectionError& e) {
        message = e.what();
    }
    terminator.join();
    // The server's restart (pg_ctl restart -m fast) ends sessions the same
    // way. Whether libpq hands over the server's last words (57P01) before
    // it sees the socket close is a race; both read as a lost connection.
    const std::string lost = "lost the connection to " + db.url().masked() + ": ";
    CHECK_MESSAGE((message == lost + "terminating connection due to administrator command" ||
                   message == lost + "the server closed the connection (it was restarted or "
                                     "shut down, the session was terminated, or the network "
                                     "failed)"),
                  message);
    CHECK_THROWS_AS(connection.rollback(), fleet::ConnectionError);
    PostgresConnection check(db.url(), {});
    CHECK_FALSE(check.table_exists("", "accounts"));
}

TEST_CASE("the driver registry connects to PostgreSQL by URL") {
    PgScratchDatabase db;
    auto connection = fleet::plugins::connect(db.url());
    CHECK(connection->dialect().name() == "postgresql");
    CHECK(connection->query("SELECT 1") == Rows{Row{"1"}});
    DatabaseUrl alias = db.url();
    CHECK(fleet::plugins::connect(DatabaseUrl::parse("postgres" + alias.full().substr(10)))
              ->query("SELECT 2") == Rows{Row{"2"}});
}
