#include "engine/error.hpp"
#include "plugins/postgres/postgres_connection.hpp"
#include "tests/plugins/postgres/pg_scratch_database.hpp"

#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <string>
#include <thread>

using fleet::plugins::ConnectOptions;
using fleet::plugins::postgres::PostgresConnection;
using fleet::tests::PgScratchDatabase;
using namespace std::chrono_literals;

namespace {

// Stops a server process (SIGSTOP) while it lives, and lets it run again
// whatever the test does. The tests run as root, as the cluster's scripts do.
class Stopped {
  public:
    explicit Stopped(int pid) : m_pid(pid) { REQUIRE(kill(m_pid, SIGSTOP) == 0); }
    ~Stopped() { kill(m_pid, SIGCONT); }
    Stopped(const Stopped&) = delete;
    Stopped& operator=(const Stopped&) = delete;

  private:
    int m_pid;
};

// The message of the ConnectionError that running sql throws.
std::string connection_error_of(PostgresConnection& connection, const std::string& sql) {
    try {
        connection.execute(sql);
    } catch (const fleet::ConnectionError& e) {
        return e.what();
    }
    FAIL("no ConnectionError from: " << sql);
    return {};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("a statement the server never answers fails after answer_timeout, and so does every "
          "later one") {
    PgScratchDatabase db;
    ConnectOptions options;
    options.answer_timeout = 700ms;
    PostgresConnection connection(db.url(), options);
    connection.begin();
    connection.execute("CREATE TABLE never_committed (id int)");
    const std::string expected =
        "no answer from " + db.url().masked() +
        " within 700ms (connection.answer_timeout): gave up on the connection";
    {
        Stopped backend(connection.backend_pid());
        auto started = std::chrono::steady_clock::now();
        CHECK(connection_error_of(connection, "SELECT 1") == expected);
        double waited = seconds_since(started);
        CHECK(waited >= 0.65);
        CHECK(waited < 5.0);
    }
    // The connection is dead for good: no statement may land in some other
    // state of the session, not even once the server answers again.
    CHECK_THROWS_AS(connection.rollback(), fleet::ConnectionError);
    CHECK_FALSE(connection.in_transaction());
    CHECK(connection_error_of(connection, "SELECT 1") == expected);

    // The backend, running again, finds its client gone and rolls back.
    PostgresConnection observer(db.url(), {});
    bool table_seen = true;
    for (int i = 0; i < 100 && table_seen; ++i) {
        table_seen = observer.table_exists("", "never_committed");
        if (table_seen) std::this_thread::sleep_for(50ms);
    }
    CHECK_FALSE(table_seen);
}

TEST_CASE("answer_timeout times each statement alone, so a run longer than it goes through") {
    PgScratchDatabase db;
    ConnectOptions options;
    options.answer_timeout = 600ms;
    PostgresConnection connection(db.url(), options);
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 4; ++i)
        connection.execute("SELECT pg_sleep(0.25)");
    for (int i = 0; i < 200; ++i)
        connection.query("SELECT 1");
    CHECK(seconds_since(started) > 0.9);
    CHECK(connection.query("SELECT 42").at(0).at(0) == "42");
}
