#pragma once

#include "engine/error.hpp"
#include "engine/runtime/connection.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

// How the dry run watches its own session on one dialect: which relations
// exist with which storage, which locks the session holds, and whether its
// transaction is still the one it opened. One entry per dialect, in an
// explicit table (session_probe.cpp), as the drivers are: the dry run itself
// asks the probe and never a dialect's name.
namespace fleet::orchestrator::lint {

// A relation as the session sees it at one moment.
struct ObservedRelation {
    std::string name;    // as reports show it: schema-qualified when not in the search path
    std::string storage; // where its rows live: PostgreSQL relfilenode, SQLite rootpage
    bool table = false;  // a table (or materialized view): what a rewrite is about
};

// What the session shows at one moment inside its transaction.
struct SessionView {
    // By a key that names the same relation across a rename where the
    // database has one (PostgreSQL's oid); SQLite's is the name.
    std::map<std::string, ObservedRelation> relations;
    // (relation key, lock mode) for every relation lock the session holds.
    std::set<std::pair<std::string, std::string>> locks;
    // An id of the transaction the session is in, where the database tells
    // it; it changes when a statement ends the transaction (a COMMIT in a
    // revision). nullopt: not known, never compared.
    std::optional<std::string> transaction;

    bool operator==(const SessionView&) const = default;
};

// The bounds of every statement of a dry run.
struct SessionBounds {
    std::chrono::milliseconds lock_timeout{5'000};
    std::chrono::milliseconds statement_timeout{60'000};
};

struct SessionProbe {
    std::string_view dialect; // the dialect's name ("postgresql", "sqlite")
    // Whether bound() makes the server stop a statement that runs too long;
    // without, the dry run's own deadline is all there is, and comes at once.
    bool server_stops_statements = false;
    // Bounds every later statement of the session where the database can
    // (PostgreSQL's lock_timeout and statement_timeout), so a statement of a
    // revision never waits without end. Throws DatabaseError.
    void (*bound)(engine::runtime::Connection& session, const SessionBounds& bounds);
    // Opens the transaction a revision's dry run runs in. Throws DatabaseError.
    void (*begin)(engine::runtime::Connection& session);
    // What the session shows now; reads only, in one round trip. Throws
    // DatabaseError.
    SessionView (*look)(engine::runtime::Connection& session);
    // Whether error is a statement stopped by the bounds set above (so the
    // revision did not fail: it took longer than a dry run waits).
    bool (*stopped_by_bounds)(const DatabaseError& error);
    // Whether error is a statement refusing to run inside a transaction
    // block (VACUUM, CREATE INDEX CONCURRENTLY): in a revision that runs
    // outside a transaction it is no failure, only not traceable.
    bool (*refused_in_transaction)(const DatabaseError& error);
};

// The probe for a dialect; nullptr when there is none. Never throws.
const SessionProbe* session_probe(std::string_view dialect) noexcept;

// The entries of the table, one per file.
const SessionProbe& postgres_session_probe() noexcept;
const SessionProbe& sqlite_session_probe() noexcept;

} // namespace fleet::orchestrator::lint
