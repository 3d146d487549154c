#pragma once

#include <map>
#include <string>
#include <string_view>

namespace fleet::engine::runtime {

// A database URL in SQLAlchemy's spelling (INTERFACE.md "URLs"), parsed.
// sqlite:///relative.db, sqlite:////abs.db, sqlite:///:memory:,
// postgresql://user:pass@host:port/db?sslmode=..., postgres://, and a driver
// suffix (postgresql+psycopg2://) that is accepted and dropped.
struct DatabaseUrl {
    std::string scheme;   // "sqlite" or "postgresql" (postgres:// becomes postgresql)
    std::string driver;   // the "+psycopg2" part without '+', informational only
    std::string username;
    std::string password; // never printed: use masked()
    std::string host;
    int port = 0;         // 0 when not given
    std::string database; // the file path for SQLite (may be ":memory:"), db name for PostgreSQL
    std::map<std::string, std::string> query;

    // Parses text. base_dir resolves a relative SQLite path (empty: keep it
    // relative to the current directory). Throws UsageError naming what is wrong;
    // the message shows the URL masked.
    static DatabaseUrl parse(std::string_view text, const std::string& base_dir = {});

    // The URL with the password replaced by ***, safe for any output.
    std::string masked() const;
    // The URL with the password, for the driver only.
    std::string full() const;
};

// Replaces any password in a URL-looking text with ***: for free text (a
// driver's error message) that may quote a connection string.
std::string mask_passwords(std::string_view text);

} // namespace fleet::engine::runtime
