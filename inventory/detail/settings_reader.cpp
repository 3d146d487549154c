#include "inventory/detail/settings_reader.hpp"

#include "inventory/detail/notify_reader.hpp"

#include "engine/util/duration.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace fleet::inventory::detail {

namespace {

// A value and the line its errors name (the key's when the value is empty).
struct Value {
    YAML::Node node;
    int line = 0;

    explicit Value(const Entry& entry) : node(entry.value), line(YamlReader::line(entry)) {}
    Value(YAML::Node item, int fallback)
        : node(std::move(item)), line(node.IsNull() ? fallback : YamlReader::line(node)) {}
};

int read_int(const YamlReader& reader, const Value& value, std::string_view what, int minimum) {
    std::string text = reader.scalar(value.node, what, value.line);
    int number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() ||
        number < minimum)
        reader.fail(value.line, fmt::format("{} must be a whole number of at least {}, not '{}'",
                                            what, minimum, text));
    return number;
}

bool read_bool(const YamlReader& reader, const Value& value, std::string_view what) {
    std::string text = reader.scalar(value.node, what, value.line);
    const std::string lower = engine::util::lower(text);
    if (lower == "true" || lower == "yes" || lower == "on") return true;
    if (lower == "false" || lower == "no" || lower == "off") return false;
    reader.fail(value.line, fmt::format("{} must be true or false, not '{}'", what, text));
}

std::chrono::milliseconds read_duration(const YamlReader& reader, const Value& value,
                                        std::string_view what) {
    std::string text = reader.scalar(value.node, what, value.line);
    std::optional<std::chrono::milliseconds> duration = engine::util::parse_duration(text);
    if (!duration)
        reader.fail(value.line,
                    fmt::format("{} must be a duration like 500ms, 5s, 2m or 1h, or a number of "
                                "seconds, not '{}'",
                                what, text));
    return *duration;
}

// A non-empty string: a path or a table name.
std::string read_name(const YamlReader& reader, const Value& value, std::string_view what) {
    std::string text = reader.scalar(value.node, what, value.line);
    if (text.empty()) reader.fail(value.line, fmt::format("{} must not be empty", what));
    return text;
}

Amount read_batch_size(const YamlReader& reader, const Value& value) {
    std::string text = reader.scalar(value.node, "'rollout.batch'", value.line);
    std::optional<Amount> amount = parse_amount(text);
    if (!amount || amount->value < 1 || (amount->is_percent() && amount->value > 100))
        reader.fail(value.line,
                    fmt::format("'rollout.batch' must be a count of at least 1, a percentage "
                                "from 1% to 100%, or a list of them, not '{}'",
                                text));
    return *amount;
}

std::vector<Amount> read_batch(const YamlReader& reader, const Value& value) {
    if (!value.node.IsSequence()) return {read_batch_size(reader, value)};
    std::vector<Amount> sizes;
    for (const YAML::Node& item : reader.items(value.node, "'rollout.batch'"))
        sizes.push_back(read_batch_size(reader, Value(item, value.line)));
    if (sizes.empty()) reader.fail(value.line, "'rollout.batch' must not be an empty list");
    return sizes;
}

Amount read_max_failures(const YamlReader& reader, const Value& value) {
    std::string text = reader.scalar(value.node, "'rollout.max_failures'", value.line);
    std::optional<Amount> amount = parse_amount(text);
    if (!amount || (amount->is_percent() && amount->value > 100))
        reader.fail(value.line,
                    fmt::format("'rollout.max_failures' must be a count or a percentage from 0% "
                                "to 100%, not '{}'",
                                text));
    return *amount;
}

void read_rollout(const YamlReader& reader, const Entry& rollout, std::string_view where,
                  RolloutLayer& layer) {
    for (const Entry& entry : reader.entries(rollout.value, "'rollout'", rollout.line)) {
        const Value value(entry);
        if (entry.key == "concurrency")
            layer.concurrency = read_int(reader, value, "'rollout.concurrency'", 1);
        else if (entry.key == "per_host")
            layer.per_host = read_int(reader, value, "'rollout.per_host'", 1);
        else if (entry.key == "canary")
            layer.canary = read_int(reader, value, "'rollout.canary'", 0);
        else if (entry.key == "batch")
            layer.batch = read_batch(reader, value);
        else if (entry.key == "max_failures")
            layer.max_failures = read_max_failures(reader, value);
        else if (entry.key == "pause")
            layer.pause = read_duration(reader, value, "'rollout.pause'");
        else
            reader.unknown_key(entry, fmt::format("'rollout' of {}", where), rollout_keys());
    }
}

void read_lock(const YamlReader& reader, const Entry& lock, std::string_view where,
               LockLayer& layer) {
    for (const Entry& entry : reader.entries(lock.value, "'lock'", lock.line)) {
        const Value value(entry);
        if (entry.key == "timeout")
            layer.timeout = read_duration(reader, value, "'lock.timeout'");
        else if (entry.key == "statement_lock_timeout")
            layer.statement_lock_timeout =
                read_duration(reader, value, "'lock.statement_lock_timeout'");
        else if (entry.key == "retries")
            layer.retries = read_int(reader, value, "'lock.retries'", 0);
        else
            reader.unknown_key(entry, fmt::format("'lock' of {}", where), lock_keys());
    }
}

void read_connection(const YamlReader& reader, const Entry& connection, std::string_view where,
                     ConnectionLayer& layer) {
    for (const Entry& entry : reader.entries(connection.value, "'connection'", connection.line)) {
        const Value value(entry);
        if (entry.key == "connect_timeout")
            layer.connect_timeout = read_duration(reader, value, "'connection.connect_timeout'");
        else if (entry.key == "answer_timeout")
            layer.answer_timeout = read_duration(reader, value, "'connection.answer_timeout'");
        else
            reader.unknown_key(entry, fmt::format("'connection' of {}", where), connection_keys());
    }
}

// One table-name pattern or a list of them.
std::vector<std::string> read_patterns(const YamlReader& reader, const Value& value,
                                       std::string_view what) {
    if (!value.node.IsSequence()) return {read_name(reader, value, what)};
    std::vector<std::string> patterns;
    for (const YAML::Node& item : reader.items(value.node, what))
        patterns.push_back(read_name(reader, Value(item, value.line), what));
    return patterns;
}

void read_lint(const YamlReader& reader, const Entry& lint, std::string_view where,
               LintLayer& layer) {
    for (const Entry& entry : reader.entries(lint.value, "'lint'", lint.line)) {
        const Value value(entry);
        if (entry.key == "fail_on") {
            std::string text = reader.scalar(value.node, "'lint.fail_on'", value.line);
            if (text != "error" && text != "warning")
                reader.fail(value.line,
                            fmt::format("'lint.fail_on' must be error or warning, not '{}'", text));
            layer.fail_on = text;
        } else if (entry.key == "ignore") {
            layer.ignore = read_patterns(reader, value, "'lint.ignore'");
        } else {
            reader.unknown_key(entry, fmt::format("'lint' of {}", where), lint_keys());
        }
    }
}

} // namespace

bool read_setting(const YamlReader& reader, const Entry& entry, std::string_view where,
                  SettingsLayer& layer) {
    const Value value(entry);
    if (entry.key == "script_location")
        layer.script_location = read_name(reader, value, "'script_location'");
    else if (entry.key == "version_table")
        layer.version_table = read_name(reader, value, "'version_table'");
    else if (entry.key == "version_table_schema")
        layer.version_table_schema.emplace(
            reader.optional_scalar(value.node, "'version_table_schema'", value.line));
    else if (entry.key == "transaction_per_migration")
        layer.transaction_per_migration = read_bool(reader, value, "'transaction_per_migration'");
    else if (entry.key == "schema")
        layer.schema.emplace(reader.optional_scalar(value.node, "'schema'", value.line));
    else if (entry.key == "rollout")
        read_rollout(reader, entry, where, layer.rollout);
    else if (entry.key == "desired_schema")
        layer.desired_schema.emplace(
            reader.optional_scalar(value.node, "'desired_schema'", value.line));
    else if (entry.key == "dev_url")
        layer.dev_url.emplace(reader.optional_scalar(value.node, "'dev_url'", value.line));
    else if (entry.key == "include")
        layer.include = read_patterns(reader, value, "'include'");
    else if (entry.key == "exclude")
        layer.exclude = read_patterns(reader, value, "'exclude'");
    else if (entry.key == "lint")
        read_lint(reader, entry, where, layer.lint);
    else if (entry.key == "notify")
        layer.notify = read_notify(reader, entry, where);
    else if (entry.key == "lock")
        read_lock(reader, entry, where, layer.lock);
    else if (entry.key == "connection")
        read_connection(reader, entry, where, layer.connection);
    else
        return false;
    return true;
}

} // namespace fleet::inventory::detail
