#include "engine/command/target_locks.hpp"

#include "engine/error.hpp"
#include "engine/url/redact.hpp"

#include <memory>

namespace fleet::engine::command {

namespace {

void fail(TargetLocks& locks, LockState state, const std::exception& error) {
    locks.state = state;
    locks.detail = url::mask_passwords(error.what());
    locks.holders.clear();
}

// A holder's query text may carry a connection string or a password literal.
runtime::LockHolder masked(runtime::LockHolder holder) {
    holder.application = url::mask_passwords(holder.application);
    holder.client = url::mask_passwords(holder.client);
    holder.activity = url::mask_passwords(holder.activity);
    return holder;
}

} // namespace

std::string_view lock_state_name(LockState state) noexcept {
    switch (state) {
    case LockState::unreachable:
        return "unreachable";
    case LockState::error:
        return "error";
    case LockState::held:
        return "held";
    case LockState::free:
        return "free";
    }
    return "error";
}

runtime::LockKey lock_key(const Target& target) {
    return {target.settings.version_table_schema, target.settings.version_table};
}

std::string describe_lock_holders(runtime::Connection& connection, const Target& target) {
    std::string text;
    for (const auto& holder : connection.migration_lock_holders(lock_key(target))) {
        if (!text.empty()) text += "; ";
        text += runtime::describe(masked(holder));
    }
    return text;
}

TargetLocks target_locks(const Target& target) {
    TargetLocks locks;
    locks.name = target.name;
    locks.display_url = target.display_url;
    std::unique_ptr<runtime::Connection> connection;
    try {
        if (!target.connect) throw UsageError("no database URL for " + target.name);
        // A database not there yet has no lock to hold, and opening it would
        // create it (a SQLite file).
        if (target.exists && !target.exists()) {
            locks.state = LockState::free;
            return locks;
        }
        connection = target.connect();
    } catch (const ConnectionError& error) {
        fail(locks, LockState::unreachable, error);
        return locks;
    } catch (const std::exception& error) {
        fail(locks, LockState::error, error);
        return locks;
    }
    try {
        for (auto& holder : connection->migration_lock_holders(lock_key(target)))
            locks.holders.push_back(masked(std::move(holder)));
        locks.state = locks.holders.empty() ? LockState::free : LockState::held;
    } catch (const std::exception& error) {
        fail(locks, LockState::error, error);
    }
    return locks;
}

} // namespace fleet::engine::command
