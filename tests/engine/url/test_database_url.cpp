#include "engine/error.hpp"
#include "engine/url/database_url.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using fleet::engine::url::DatabaseUrl;

namespace {

// The message of the UsageError that parsing text throws ("" when none).
std::string parse_error(const std::string& text, const std::string& base_dir = {}) {
    try {
        DatabaseUrl::parse(text, base_dir);
    } catch (const fleet::UsageError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("SQLite URLs are read the way SQLAlchemy reads them") {
    SUBCASE("three slashes give a path relative to the current folder") {
        auto url = DatabaseUrl::parse("sqlite:///dev/app.db");
        CHECK(url.scheme == "sqlite");
        CHECK(url.database == "dev/app.db");
        CHECK(url.host.empty());
        CHECK_FALSE(url.in_memory());
    }
    SUBCASE("four slashes give an absolute path") {
        auto url = DatabaseUrl::parse("sqlite:////var/lib/app.db");
        CHECK(url.database == "/var/lib/app.db");
    }
    SUBCASE(":memory: is an in-memory database") {
        auto url = DatabaseUrl::parse("sqlite:///:memory:");
        CHECK(url.database == ":memory:");
        CHECK(url.in_memory());
    }
    SUBCASE("sqlite:// with no path is an in-memory database too") {
        CHECK(DatabaseUrl::parse("sqlite://").in_memory());
        CHECK(DatabaseUrl::parse("sqlite:///").in_memory());
    }
    SUBCASE("a driver suffix is accepted and set apart") {
        auto url = DatabaseUrl::parse("sqlite+aiosqlite:///app.db");
        CHECK(url.scheme == "sqlite");
        CHECK(url.driver == "aiosqlite");
        CHECK(url.database == "app.db");
        CHECK(url.masked() == "sqlite:///app.db");
    }
    SUBCASE("query parameters are kept") {
        auto url = DatabaseUrl::parse("sqlite:///app.db?mode=ro&timeout=2.5");
        CHECK(url.database == "app.db");
        CHECK(url.query.at("mode") == "ro");
        CHECK(url.query.at("timeout") == "2.5");
    }
    SUBCASE("surrounding blanks, as from an environment file, are ignored") {
        CHECK(DatabaseUrl::parse("  sqlite:///app.db\n").database == "app.db");
    }
}

TEST_CASE("a relative SQLite path is resolved against the base folder when one is given") {
    SUBCASE("relative paths join the base folder") {
        auto url = DatabaseUrl::parse("sqlite:///dev/app.db", "/srv/fleet");
        CHECK(url.database == "/srv/fleet/dev/app.db");
        CHECK(url.masked() == "sqlite:////srv/fleet/dev/app.db");
    }
    SUBCASE("dot segments are folded") {
        CHECK(DatabaseUrl::parse("sqlite:///../data/app.db", "/srv/fleet/inv").database ==
              "/srv/fleet/data/app.db");
    }
    SUBCASE("absolute paths and :memory: stay as they are") {
        CHECK(DatabaseUrl::parse("sqlite:////abs/app.db", "/srv").database == "/abs/app.db");
        CHECK(DatabaseUrl::parse("sqlite:///:memory:", "/srv").database == ":memory:");
    }
    SUBCASE("without a base folder the path stays relative to the current directory") {
        CHECK(DatabaseUrl::parse("sqlite:///dev/app.db", "").database == "dev/app.db");
    }
}

TEST_CASE("PostgreSQL URLs give user, password, host, port, database and query") {
    SUBCASE("every part") {
        auto url =
            DatabaseUrl::parse("postgresql://app:s3cret@db.example.com:6543/core?sslmode=require");
        CHECK(url.scheme == "postgresql");
        CHECK(url.driver.empty());
        CHECK(url.username == "app");
        CHECK(url.password == "s3cret");
        CHECK(url.host == "db.example.com");
        CHECK(url.port == 6543);
        CHECK(url.database == "core");
        CHECK(url.query.at("sslmode") == "require");
        CHECK(url.host_port() == "db.example.com:6543");
    }
    SUBCASE("postgres:// is postgresql") {
        CHECK(DatabaseUrl::parse("postgres://app@localhost/core").scheme == "postgresql");
    }
    SUBCASE("a driver suffix is accepted and dropped from what is shown") {
        auto url = DatabaseUrl::parse("postgresql+psycopg2://app:pw@localhost/core");
        CHECK(url.scheme == "postgresql");
        CHECK(url.driver == "psycopg2");
        CHECK(url.masked() == "postgresql://app:***@localhost/core");
    }
    SUBCASE("the scheme is not case sensitive") {
        CHECK(DatabaseUrl::parse("PostgreSQL://h/db").scheme == "postgresql");
    }
    SUBCASE("user without password, and no user at all") {
        auto with_user = DatabaseUrl::parse("postgresql://app@localhost/core");
        CHECK(with_user.username == "app");
        CHECK(with_user.password.empty());
        auto bare = DatabaseUrl::parse("postgresql://localhost:5432/core");
        CHECK(bare.username.empty());
        CHECK(bare.host == "localhost");
        CHECK(bare.port == 5432);
    }
    SUBCASE("host, port and database may each be left to libpq") {
        auto url = DatabaseUrl::parse("postgresql:///core?host=/var/run/postgresql");
        CHECK(url.host.empty());
        CHECK(url.port == 0);
        CHECK(url.database == "core");
        CHECK(url.host_port() == "/var/run/postgresql:5432");
        CHECK(DatabaseUrl::parse("postgresql://").host_port() == "localhost:5432");
    }
    SUBCASE("user and password are percent-decoded") {
        auto url = DatabaseUrl::parse("postgresql://us%40er:p%40ss%2Fw%3Ard@h/db");
        CHECK(url.username == "us@er");
        CHECK(url.password == "p@ss/w:rd");
    }
    SUBCASE("a password may hold '/', '?' and ':' unencoded") {
        auto url = DatabaseUrl::parse("postgresql://u:a/b?c:d@h:1/db");
        CHECK(url.password == "a/b?c:d");
        CHECK(url.host == "h");
        CHECK(url.port == 1);
    }
    SUBCASE("an '@' in a user name without password keeps it (Azure style)") {
        auto url = DatabaseUrl::parse("postgresql://admin@server@h/db");
        CHECK(url.username == "admin@server");
        CHECK(url.host == "h");
        auto with_password = DatabaseUrl::parse("postgresql://admin@server:pw@h/db");
        CHECK(with_password.username == "admin@server");
        CHECK(with_password.password == "pw");
    }
    SUBCASE("IPv6 hosts are written in brackets and kept without them") {
        auto url = DatabaseUrl::parse("postgresql://u:pw@[::1]:5433/db");
        CHECK(url.host == "::1");
        CHECK(url.port == 5433);
        CHECK(url.masked() == "postgresql://u:***@[::1]:5433/db");
        CHECK(url.host_port() == "[::1]:5433");
        CHECK(DatabaseUrl::parse("postgresql://[fe80::1%25eth0]/db").host == "fe80::1%25eth0");
    }
    SUBCASE("query values are decoded, '+' as a space") {
        auto url =
            DatabaseUrl::parse("postgresql://h/db?application_name=my+app&options=-c%20x%3D1");
        CHECK(url.query.at("application_name") == "my app");
        CHECK(url.query.at("options") == "-c x=1");
    }
    SUBCASE("an empty port is no port") {
        CHECK(DatabaseUrl::parse("postgresql://h:/db").port == 0);
    }
}

TEST_CASE("masked() hides every password and full() round-trips through parse()") {
    SUBCASE("masked() shows *** for the password") {
        auto url = DatabaseUrl::parse("postgresql://app:s3cret@h:5432/core?sslmode=require");
        CHECK(url.masked() == "postgresql://app:***@h:5432/core?sslmode=require");
        CHECK(url.masked().find("s3cret") == std::string::npos);
    }
    SUBCASE("a password given as a query parameter is masked too") {
        auto url = DatabaseUrl::parse("postgresql://app@h/core?password=s3cret&sslpassword=k3y");
        CHECK(url.masked().find("s3cret") == std::string::npos);
        CHECK(url.masked().find("k3y") == std::string::npos);
        CHECK(url.full().find("s3cret") != std::string::npos);
    }
    SUBCASE("full() keeps the password, encoded so parse() gives it back") {
        auto url = DatabaseUrl::parse("postgresql://us%40er:p%40ss%2Fw%3A%25rd@[::1]:5433/"
                                      "db?sslmode=verify-full&application_name=a%26b");
        CHECK(url.full().find("p%40ss%2Fw%3A%25rd") != std::string::npos);
        CHECK(DatabaseUrl::parse(url.full()) == url);
        CHECK(DatabaseUrl::parse(url.masked()).password == "***");
    }
    SUBCASE("SQLite paths round-trip") {
        for (const char* text : {"sqlite:///rel/app.db", "sqlite:////abs/app.db",
                                 "sqlite:///:memory:", "sqlite:////tmp/with%20space%25.db"}) {
            auto url = DatabaseUrl::parse(text);
            CHECK(url.masked() == text);
            CHECK(DatabaseUrl::parse(url.full()) == url);
        }
        CHECK(DatabaseUrl::parse("sqlite:////tmp/with%20space%25.db").database ==
              "/tmp/with space%.db");
    }
    SUBCASE("a URL without a password shows none") {
        CHECK(DatabaseUrl::parse("postgresql://app@h/db").masked() == "postgresql://app@h/db");
        CHECK(DatabaseUrl::parse("postgresql://h/db").masked() == "postgresql://h/db");
    }
}

TEST_CASE("any well-formed scheme parses: the driver registry says which ones fleet has") {
    auto url = DatabaseUrl::parse("MySQL+pymysql://u:hunter22@h:3306/db");
    CHECK(url.scheme == "mysql");
    CHECK(url.driver == "pymysql");
    CHECK(url.masked() == "mysql://u:***@h:3306/db");
    CHECK(DatabaseUrl::parse(url.full()) ==
          DatabaseUrl{url.scheme, "", "u", "hunter22", "h", 3306, "db", {}});
}

TEST_CASE("bad URLs are usage errors that say what is wrong and never show the password") {
    SUBCASE("a malformed scheme names it") {
        std::string message = parse_error("my sql://u:hunter22@h/db");
        CHECK(message == "invalid database URL 'my sql://u:***@h/db': 'my sql' is not a scheme");
        CHECK(parse_error("pg++x://h/db").find("is not a scheme") != std::string::npos);
    }
    SUBCASE("text that is no URL at all") {
        CHECK(parse_error("app.db").find("invalid database URL 'app.db': expected SCHEME://") == 0);
        CHECK(parse_error("").find("the URL is empty") != std::string::npos);
        CHECK(parse_error("://h/db").find("is not a scheme") != std::string::npos);
        CHECK(parse_error("post gres://h/db").find("is not a scheme") != std::string::npos);
        CHECK(parse_error("postgresql+://h/db").find("is not a scheme") != std::string::npos);
    }
    SUBCASE("a bad port") {
        std::string message = parse_error("postgresql://u:hunter22@h:port/db");
        CHECK(message == "invalid database URL 'postgresql://u:***@h:port/db': the port is not a "
                         "number from 1 to 65535");
        CHECK_FALSE(parse_error("postgresql://h:70000/db").empty());
        CHECK_FALSE(parse_error("postgresql://h:0/db").empty());
        CHECK_FALSE(parse_error("postgresql://h:-1/db").empty());
    }
    SUBCASE("an unencoded '@' in a password") {
        std::string message = parse_error("postgresql://u:hun@ter22@h/db");
        CHECK(message.find("%40") != std::string::npos);
        CHECK(message.find("hun") == std::string::npos);
        CHECK(message.find("ter22") == std::string::npos);
    }
    SUBCASE("a typo outside the authority never shows the password") {
        // Each is a URL mistyped where mask_passwords (made for free text)
        // would not see a password: no "://", a raw space or quote in it.
        const std::vector<std::pair<std::string, std::string>> typos{
            {"postgresql:/u:hunter22@h/db", "'postgresql:***@h/db'"},
            {"postgresql:u:hunter22@h/db", "'postgresql:***@h/db'"},
            {"u:hunter22@h/db", "'u:***@h/db'"},
            {"postgresql://u:my hunter22@h:port/db", "'postgresql://u:***@h:port/db'"},
            {"postgresql://u:it's-hunter22@h:port/db", "'postgresql://u:***@h:port/db'"},
            {"postgresql://u:a/hunter22@h:port/db", "'postgresql://u:***@h:port/db'"},
            {"postgresql://u@h:99999/db?password=hunter22", "password=***"},
        };
        for (const auto& [text, shown] : typos) {
            std::string message = parse_error(text);
            CAPTURE(text);
            CHECK(message.find("hunter22") == std::string::npos);
            CHECK(message.find(shown) != std::string::npos);
        }
    }
    SUBCASE("broken IPv6 brackets") {
        CHECK(parse_error("postgresql://[::1/db").find("not closed") != std::string::npos);
        CHECK(parse_error("postgresql://[::1]x/db").find("after ']'") != std::string::npos);
        CHECK(parse_error("postgresql://[]/db").find("not an address") != std::string::npos);
    }
    SUBCASE("a SQLite URL with a host (two slashes instead of three)") {
        std::string message = parse_error("sqlite://app.db");
        CHECK(message.find("a SQLite URL has no user, password, host or port") !=
              std::string::npos);
        CHECK_FALSE(parse_error("sqlite://u:pw@/app.db").empty());
    }
    SUBCASE("a space or control character in the host (found by fuzz/: full() lost it)") {
        CHECK(parse_error("postgresql://%2Fs\r?\r")
                  .find("a space or control character in the host") != std::string::npos);
        CHECK_FALSE(parse_error("postgresql://my host/db").empty());
        CHECK_FALSE(parse_error("postgresql://[::1\t]/db").empty());
    }
    SUBCASE("a query parameter without a name") {
        CHECK(parse_error("postgresql://h/db?=x").find("has no name") != std::string::npos);
    }
    SUBCASE("the error is a usage error (exit code 2)") {
        try {
            DatabaseUrl::parse("oracle:/h/db");
            FAIL("no error");
        } catch (const fleet::Error& e) {
            CHECK(e.exit_code() == fleet::ExitCode::bad_input);
        }
    }
}
