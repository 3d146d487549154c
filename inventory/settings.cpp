#include "inventory/settings.hpp"

namespace fleet::inventory {

namespace {

template <typename T> void take(T& field, const std::optional<T>& nearer) {
    if (nearer) field = *nearer;
}

std::filesystem::path resolve_path(const std::string& written,
                                   const std::filesystem::path& base_dir) {
    std::filesystem::path path(written);
    if (path.is_absolute() || base_dir.empty()) return path.lexically_normal();
    return (base_dir / path).lexically_normal();
}

// A desired_schema is a URL when it names a scheme; else a path.
std::optional<std::string> resolve_source(const std::optional<std::string>& written,
                                          const std::filesystem::path& base_dir) {
    if (!written || written->find("://") != std::string::npos) return written;
    return resolve_path(*written, base_dir).string();
}

} // namespace

const std::vector<std::string_view>& setting_keys() {
    static const std::vector<std::string_view> k_keys{"script_location",
                                                      "version_table",
                                                      "version_table_schema",
                                                      "transaction_per_migration",
                                                      "schema",
                                                      "rollout",
                                                      "desired_schema",
                                                      "dev_url",
                                                      "include",
                                                      "exclude",
                                                      "lint",
                                                      "notify",
                                                      "lock",
                                                      "connection"};
    return k_keys;
}

const std::vector<std::string_view>& rollout_keys() {
    static const std::vector<std::string_view> k_keys{"concurrency", "per_host",     "canary",
                                                      "batch",       "max_failures", "pause"};
    return k_keys;
}

const std::vector<std::string_view>& lock_keys() {
    static const std::vector<std::string_view> k_keys{"timeout", "statement_lock_timeout",
                                                      "retries"};
    return k_keys;
}

const std::vector<std::string_view>& connection_keys() {
    static const std::vector<std::string_view> k_keys{"connect_timeout", "answer_timeout"};
    return k_keys;
}

const std::vector<std::string_view>& lint_keys() {
    static const std::vector<std::string_view> k_keys{"fail_on", "ignore"};
    return k_keys;
}

const std::vector<std::string_view>& notify_keys() {
    static const std::vector<std::string_view> k_keys{"webhook", "secret", "command", "events"};
    return k_keys;
}

const std::vector<std::string_view>& notify_events() {
    static const std::vector<std::string_view> k_events{"rollout_started", "target_failed",
                                                        "rollout_halted", "rollout_finished"};
    return k_events;
}

Settings default_settings(const std::filesystem::path& base_dir) {
    Settings settings;
    settings.script_location = resolve_path("migrations", base_dir);
    return settings;
}

Settings merged(Settings settings, const SettingsLayer& nearer,
                const std::filesystem::path& base_dir) {
    if (nearer.script_location)
        settings.script_location = resolve_path(*nearer.script_location, base_dir);
    take(settings.version_table, nearer.version_table);
    take(settings.version_table_schema, nearer.version_table_schema);
    take(settings.transaction_per_migration, nearer.transaction_per_migration);
    take(settings.schema, nearer.schema);

    RolloutSettings& rollout = settings.rollout;
    take(rollout.concurrency, nearer.rollout.concurrency);
    take(rollout.per_host, nearer.rollout.per_host);
    take(rollout.canary, nearer.rollout.canary);
    take(rollout.batch, nearer.rollout.batch);
    take(rollout.max_failures, nearer.rollout.max_failures);
    take(rollout.pause, nearer.rollout.pause);

    take(settings.lock.timeout, nearer.lock.timeout);
    take(settings.lock.statement_lock_timeout, nearer.lock.statement_lock_timeout);
    take(settings.lock.retries, nearer.lock.retries);

    take(settings.connection.connect_timeout, nearer.connection.connect_timeout);
    take(settings.connection.answer_timeout, nearer.connection.answer_timeout);

    if (nearer.desired_schema)
        settings.autogen.desired_schema = resolve_source(*nearer.desired_schema, base_dir);
    take(settings.autogen.dev_url, nearer.dev_url);
    take(settings.autogen.include, nearer.include);
    take(settings.autogen.exclude, nearer.exclude);

    take(settings.lint.fail_on, nearer.lint.fail_on);
    take(settings.lint.ignore, nearer.lint.ignore);

    if (nearer.notify) {
        settings.notify = *nearer.notify;
        for (NotifyEntry& entry : settings.notify)
            entry.working_dir = base_dir;
    }
    return settings;
}

} // namespace fleet::inventory
