#pragma once

#include "engine/lint/lint_facts.hpp"
#include "engine/runtime/connection.hpp"

#include <chrono>
#include <set>
#include <string>
#include <string_view>

// How the live facts of one target are read on each dialect: one reader
// per dialect, in an explicit table (facts_reader.cpp), as the drivers are.
// target_facts.hpp is what commands call.
namespace fleet::orchestrator::lint {

struct FactsOptions {
    // The bound of each read: PostgreSQL's statement_timeout and
    // lock_timeout for every query; SQLite's for the whole read (then
    // interrupted).
    std::chrono::milliseconds timeout{5'000};
    // Transactions open on the target at least this long are listed.
    std::chrono::seconds open_transaction_age{60};
    // SQLite: the tables of a file up to this size are counted and their
    // pages summed exactly; in a larger file, rows are estimated from
    // max(rowid) and bytes left unknown, either of which would read the
    // whole table.
    long long sqlite_exact_up_to_bytes = 256LL << 20;
};

struct FactsReader {
    std::string_view dialect; // the dialect's name ("postgresql", "sqlite")
    // Fills facts (server_version, tables, open_transactions) from an open
    // connection to the target, inside one read-only transaction it opens
    // and rolls back. `tables`: the names the revisions touch ("orders",
    // "app.orders": a name with a dot is schema.table); one not there is
    // left out. Throws fleet::Error (DatabaseError, ...) when a read fails;
    // what was read before stays in facts.
    void (*read)(engine::runtime::Connection& connection, const std::set<std::string>& tables,
                 const FactsOptions& options, engine::lint::TargetFacts& facts);
};

// The reader for a dialect; nullptr when there is none. Never throws.
const FactsReader* facts_reader(std::string_view dialect) noexcept;

// The entries of the table, one per file.
const FactsReader& postgres_facts_reader() noexcept;
const FactsReader& sqlite_facts_reader() noexcept;

} // namespace fleet::orchestrator::lint
