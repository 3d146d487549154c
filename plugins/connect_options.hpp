#pragma once

#include "engine/runtime/defaults.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace fleet::plugins {

// How to open a connection, beyond what the URL says. A plain value.
struct ConnectOptions {
    // PostgreSQL search_path for this target (the inventory's `schema:`);
    // a comma-separated list is allowed ("t_acme, public"). Empty: the
    // server's default. SQLite has no schemas: a non-empty value is a UsageError.
    std::string schema;
    // Seconds to wait for the server to answer (libpq connect_timeout; libpq
    // counts anything below 2 as 2). 0 waits forever. SQLite ignores it.
    int connect_timeout_seconds =
        static_cast<int>(engine::runtime::k_default_connect_timeout.count());
    // Give up on the connection when a statement has had no answer for this
    // long: the socket is shut down, so the statement fails with a
    // ConnectionError saying so, and the connection is unusable afterwards.
    // For a frozen server, which TCP keeps acknowledging. 0 waits forever.
    // SQLite ignores it.
    std::chrono::milliseconds answer_timeout{0};
    // Shown in pg_stat_activity, so a DBA sees who holds a lock.
    std::string application_name = "fleet";
    // Open for reading only: SQLite opens the file read-only (a missing file is
    // an error instead of being created); PostgreSQL sets
    // default_transaction_read_only. For commands that must not change anything.
    bool read_only = false;
    // Receives each server notice (PostgreSQL's "NOTICE:  ... does not exist,
    // skipping"), without its final newline, on the thread running the
    // statement; for -v output. Empty: notices are dropped, never printed by
    // the driver library. Must not throw. SQLite has none.
    std::function<void(const std::string&)> on_notice;
};

} // namespace fleet::plugins
