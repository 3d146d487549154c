#pragma once

#include <chrono>

// The defaults of a run, in one place: the engine owns them, and the
// inventory's settings, the lock key and the drivers' connect options refer
// to these, so a change here changes them all (INTERFACE.md documents them).
namespace fleet::engine::runtime {

// The version table, as Alembic names it.
inline constexpr char k_default_version_table[] = "alembic_version";

// How long a changing command waits for another run's migration lock.
inline constexpr std::chrono::milliseconds k_default_lock_timeout{30'000};

// PostgreSQL lock_timeout for each migration statement (0 would be none).
inline constexpr std::chrono::milliseconds k_default_statement_lock_timeout{5'000};

// How often a transaction that hit the statement lock timeout is retried.
inline constexpr int k_default_lock_retries = 3;

// The pause before the first such retry; each later one doubles it.
inline constexpr std::chrono::milliseconds k_default_lock_retry_delay{200};

// How long to wait for a server to accept a connection (libpq connect_timeout,
// whole seconds).
inline constexpr std::chrono::seconds k_default_connect_timeout{10};

} // namespace fleet::engine::runtime
