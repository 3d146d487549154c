#pragma once

#include <map>
#include <string>
#include <string_view>

// The database URL as a value: parsing and rendering. Redacting passwords in
// free text is redact.hpp's job.
namespace fleet::engine::url {

// A database URL in SQLAlchemy's spelling (INTERFACE.md "URLs"), parsed.
// sqlite:///relative.db, sqlite:////abs.db, sqlite:///:memory:, sqlite://
// (memory, as SQLAlchemy), postgresql://user:pass@host:port/db?sslmode=...,
// postgres://, and a driver suffix (postgresql+psycopg2://) that is accepted and
// dropped. User, password, database and query values are percent-decoded;
// an IPv6 host is written in brackets ([::1]) and kept without them.
// A plain value: copy it freely, use it from any thread.
struct DatabaseUrl {
    std::string scheme; // lower case, e.g. "sqlite", "postgresql" (postgres:// becomes postgresql)
    std::string driver; // the "+psycopg2" part without '+', informational only
    std::string username;
    std::string password; // never printed: use masked()
    std::string host;     // without brackets for IPv6
    int port = 0;         // 0 when not given
    std::string database; // the file path for SQLite (may be ":memory:"), db name for PostgreSQL
    std::map<std::string, std::string> query; // decoded; a repeated key keeps its last value

    // The SQLite path of an in-memory database.
    static constexpr std::string_view k_memory = ":memory:";

    // Parses text. base_dir resolves a relative SQLite path (empty: keep it
    // relative to the current directory). Throws UsageError
    // "invalid database URL '<text, passwords masked>': <what is wrong>"
    // (masked: whatever lies between the first ':' after the scheme, or
    // after the start, and the last '@', so a typo cannot show it) for
    // unparsable text, a malformed scheme, a bad port, or a SQLite URL with a
    // user, password, host or port. Any well-formed scheme parses: which ones
    // fleet has a driver for is the driver registry's to say.
    static DatabaseUrl parse(std::string_view text, const std::string& base_dir = {});

    // The URL with every password (the URL's own and a ?password= value)
    // replaced by ***, safe for any output. No driver suffix.
    std::string masked() const;
    // The URL with the password, percent-encoded so parse(full()) gives this
    // value back: for the driver only.
    std::string full() const;

    // Whether this is an in-memory SQLite database.
    bool in_memory() const { return scheme == "sqlite" && database == k_memory; }
    // "host:port" as messages show it ("[::1]:5432"); the port part is left
    // out when port is 0, the host part reads "localhost" when host is empty.
    std::string host_port() const;

    bool operator==(const DatabaseUrl&) const = default;
};

} // namespace fleet::engine::url
