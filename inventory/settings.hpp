#pragma once

#include "engine/runtime/defaults.hpp"
#include "inventory/amount.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::inventory {

// How a rollout over many targets proceeds (INTERFACE.md "The inventory").
struct RolloutSettings {
    int concurrency = 4; // targets worked on at once (>= 1)
    int per_host = 2;    // at most this many at once on one server (>= 1)
    int canary = 1;      // targets done alone first (>= 0)
    // Batch sizes in order, Ansible's `serial`: a single value is a list of
    // one; the planner repeats the last one. Counts >= 1, percentages 1..100.
    std::vector<Amount> batch{Amount::count(10)};
    Amount max_failures = Amount::count(0); // more than this halts; percent 0..100
    std::chrono::milliseconds pause{0};     // wait between batches

    bool operator==(const RolloutSettings&) const = default;
};

// The per-target migration lock.
struct LockSettings {
    // wait for another run's lock
    std::chrono::milliseconds timeout{engine::runtime::k_default_lock_timeout};
    // PostgreSQL lock_timeout per DDL step
    std::chrono::milliseconds statement_lock_timeout{
        engine::runtime::k_default_statement_lock_timeout};
    int retries =
        engine::runtime::k_default_lock_retries; // retries of a step that hit lock_timeout (>= 0)

    bool operator==(const LockSettings&) const = default;
};

// How fleet talks to a target's server (PostgreSQL; SQLite ignores both).
struct ConnectionSettings {
    // Give up opening a connection after this long (libpq connect_timeout,
    // whole seconds, rounded up; libpq counts anything below 2 as 2). 0 waits
    // forever. A `connect_timeout=` in the URL's query wins over it.
    std::chrono::milliseconds connect_timeout{engine::runtime::k_default_connect_timeout};
    // Give up on a connection whose statement has had no answer for this long
    // (a frozen server: the kernel still acknowledges, so TCP never notices).
    // 0, the default, waits forever: from the client a frozen server and a
    // long CREATE INDEX look the same, so any default would abort some
    // legitimate migration.
    std::chrono::milliseconds answer_timeout{0};

    bool operator==(const ConnectionSettings&) const = default;
};

// What autogenerate, check and audit's drift compare with (INTERFACE.md,
// "Declared schema, autogenerate and check").
struct AutogenSettings {
    // .sql or .yaml files or a database URL; a path is resolved against the
    // inventory's folder, a URL kept as written. Unset: --from must say.
    std::optional<std::string> desired_schema;
    // Where scratch databases of a server dialect may be created and dropped.
    std::optional<std::string> dev_url;
    // Table-name patterns (fnmatch globs), as Alembic's include_name: a table
    // is compared when it matches an include pattern (or none is given) and
    // no exclude pattern. fleet's own tables are always out.
    std::vector<std::string> include;
    std::vector<std::string> exclude;

    bool operator==(const AutogenSettings&) const = default;
};

// The safety check run before changes (INTERFACE.md, "Lint").
struct LintSettings {
    // The lowest severity that fails `fleet lint` (exit 3) and refuses a
    // rollout in `upgrade` and `plan` (exit 2): "error" or "warning".
    std::string fail_on = "error";
    // Rule ids not checked at all for these targets.
    std::vector<std::string> ignore;

    bool operator==(const LintSettings&) const = default;
};

// One entry of `notify:` (INTERFACE.md, "Operations"): a webhook or a command
// told about a rollout's events. Exactly one of webhook and command is set.
struct NotifyEntry {
    // The http:// or https:// URL each event is POSTed to; empty for a
    // command. It may hold a password: show it only masked.
    std::string webhook;
    // The HMAC-SHA256 key that signs a webhook's body; empty: unsigned. It is
    // never shown anywhere, not even masked.
    std::string secret;
    // The program and its arguments, run in working_dir with the event on its
    // standard input; empty for a webhook.
    std::vector<std::string> command;
    // The events it hears, from notify_events(); every one when the entry
    // names none.
    std::vector<std::string> events;
    // The inventory's folder, which a relative program or argument is
    // relative to (as script_location is).
    std::filesystem::path working_dir;

    bool operator==(const NotifyEntry&) const = default;
};

// Everything the inventory can set for a target, resolved: every field holds
// a value (a default where nothing set it).
struct Settings {
    // Resolved: a relative script_location is relative to the inventory's folder.
    std::filesystem::path script_location;
    std::string version_table = engine::runtime::k_default_version_table;
    std::optional<std::string> version_table_schema; // PostgreSQL schema of the version table
    bool transaction_per_migration = false;
    std::optional<std::string> schema; // PostgreSQL search_path of the target
    RolloutSettings rollout;
    LockSettings lock;
    ConnectionSettings connection;
    AutogenSettings autogen;
    LintSettings lint;
    std::vector<NotifyEntry> notify; // the entries told about a rollout of this target

    bool operator==(const Settings&) const = default;
};

// The rollout keys one level of the inventory sets; unset fields inherit.
struct RolloutLayer {
    std::optional<int> concurrency;
    std::optional<int> per_host;
    std::optional<int> canary;
    std::optional<std::vector<Amount>> batch;
    std::optional<Amount> max_failures;
    std::optional<std::chrono::milliseconds> pause;
};

// The lock keys one level of the inventory sets.
struct LockLayer {
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<std::chrono::milliseconds> statement_lock_timeout;
    std::optional<int> retries;
};

// The connection keys one level of the inventory sets.
struct ConnectionLayer {
    std::optional<std::chrono::milliseconds> connect_timeout;
    std::optional<std::chrono::milliseconds> answer_timeout;
};

// The lint keys one level of the inventory sets.
struct LintLayer {
    std::optional<std::string> fail_on;
    std::optional<std::vector<std::string>> ignore;
};

// The keys one level of the inventory (top, environment, database) sets. For
// the nullable keys the outer optional says "set here", the inner one holds
// the value, so `version_table_schema: null` on a database can undo a schema
// its environment set.
struct SettingsLayer {
    std::optional<std::string> script_location; // as written, resolved by merged()
    std::optional<std::string> version_table;
    std::optional<std::optional<std::string>> version_table_schema;
    std::optional<bool> transaction_per_migration;
    std::optional<std::optional<std::string>> schema;
    RolloutLayer rollout;
    LockLayer lock;
    ConnectionLayer connection;
    std::optional<std::optional<std::string>> desired_schema; // as written, resolved by merged()
    std::optional<std::optional<std::string>> dev_url;
    std::optional<std::vector<std::string>> include;
    std::optional<std::vector<std::string>> exclude;
    LintLayer lint;
    // A whole list: a nearer `notify:` replaces the one above (`[]` silences it).
    std::optional<std::vector<NotifyEntry>> notify;
};

// The keys a settings level may hold, in INTERFACE.md's order: for
// unknown-key messages and suggestions.
const std::vector<std::string_view>& setting_keys();
const std::vector<std::string_view>& rollout_keys();
const std::vector<std::string_view>& lock_keys();
const std::vector<std::string_view>& connection_keys();
const std::vector<std::string_view>& lint_keys();
const std::vector<std::string_view>& notify_keys();
// The events a notify entry may name: rollout_started, target_failed,
// rollout_halted, rollout_finished.
const std::vector<std::string_view>& notify_events();

// INTERFACE.md's defaults; script_location is base_dir/migrations, the
// counterpart of --script-location's ./migrations. Never throws but
// std::bad_alloc.
Settings default_settings(const std::filesystem::path& base_dir);

// settings with each key the nearer layer sets replaced, field by field
// (nearest wins: a database's `rollout: {concurrency: 8}` changes only
// concurrency). A relative script_location is joined to base_dir. Never
// throws but std::bad_alloc.
Settings merged(Settings settings, const SettingsLayer& nearer,
                const std::filesystem::path& base_dir);

} // namespace fleet::inventory
