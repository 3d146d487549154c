#include "inventory/detail/notify_reader.hpp"

#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::inventory::detail {

namespace {

// The line of an entry's value, or of its key when the value is empty.
int value_line(const Entry& entry) { return YamlReader::line(entry); }

// A webhook must be http(s) with a host. The message shows the scheme at
// most: the rest of a URL may hold a password or a token in its path.
std::string read_webhook(const YamlReader& reader, const Entry& entry) {
    std::string url = reader.scalar(entry.value, "'webhook'", entry.line);
    const std::string lower = engine::util::lower(url);
    std::string_view rest;
    if (lower.starts_with("http://"))
        rest = std::string_view(url).substr(7);
    else if (lower.starts_with("https://"))
        rest = std::string_view(url).substr(8);
    else {
        const auto scheme_end = url.find("://");
        const std::string shown = scheme_end == std::string::npos
                                      ? ""
                                      : fmt::format(", not {}://...", url.substr(0, scheme_end));
        reader.fail(value_line(entry),
                    fmt::format("'webhook' must be an http:// or https:// URL{}", shown));
    }
    const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    const auto at = host.rfind('@');
    if (host.empty() || at == host.size() - 1)
        reader.fail(value_line(entry), "'webhook' must name a host: http://HOST[:PORT]/PATH");
    return url;
}

std::vector<std::string> read_command(const YamlReader& reader, const Entry& entry) {
    if (!entry.value.IsSequence())
        reader.fail(value_line(entry),
                    fmt::format("'command' must be a list, the program and its arguments "
                                "([/path/to/program, arg, ...]), not {}",
                                kind_name(entry.value)));
    std::vector<std::string> argv;
    for (const YAML::Node& item : reader.items(entry.value, "'command'", entry.line))
        argv.push_back(reader.scalar(item, "an item of 'command'", entry.line));
    if (argv.empty())
        reader.fail(value_line(entry), "'command' must name a program: [/path/to/program, ...]");
    if (argv.front().empty()) reader.fail(value_line(entry), "'command' names an empty program");
    return argv;
}

std::vector<std::string> read_events(const YamlReader& reader, const Entry& entry) {
    const std::vector<std::string_view>& known = notify_events();
    std::vector<std::string> events;
    for (const YAML::Node& item : reader.items(entry.value, "'events'", entry.line)) {
        std::string name = reader.scalar(item, "an item of 'events'", entry.line);
        if (std::find(known.begin(), known.end(), name) == known.end())
            reader.fail(YamlReader::line(item),
                        fmt::format("unknown event '{}' in 'events' (the events are {})", name,
                                    fmt::join(known, ", ")));
        if (std::find(events.begin(), events.end(), name) == events.end())
            events.push_back(std::move(name));
    }
    if (events.empty())
        reader.fail(value_line(entry),
                    "'events' names no event: leave it out to hear every event, or remove the "
                    "entry");
    return events;
}

NotifyEntry read_entry(const YamlReader& reader, const YAML::Node& node, int fallback_line,
                       const std::string& where) {
    const int line = node.IsNull() ? fallback_line : YamlReader::line(node);
    if (!node.IsMap())
        reader.fail(line, fmt::format("{} must be a mapping like {{webhook: URL, events: [...]}} "
                                      "or {{command: [program, ...]}}, not {}",
                                      where, kind_name(node)));
    NotifyEntry result;
    std::optional<int> secret_line;
    bool has_webhook = false;
    bool has_command = false;
    for (const Entry& entry : reader.entries(node, where, line)) {
        if (entry.key == "webhook") {
            result.webhook = read_webhook(reader, entry);
            has_webhook = true;
        } else if (entry.key == "command") {
            result.command = read_command(reader, entry);
            has_command = true;
        } else if (entry.key == "secret") {
            // Checked by emptiness only: the text is never put in a message.
            result.secret = reader.scalar(entry.value, "'secret'", entry.line);
            if (result.secret.empty())
                reader.fail(value_line(entry), "'secret' is empty (is its variable set to \"\"?); "
                                               "leave 'secret' out to send unsigned");
            secret_line = entry.line;
        } else if (entry.key == "events") {
            result.events = read_events(reader, entry);
        } else {
            reader.unknown_key(entry, where, notify_keys());
        }
    }
    if (has_webhook && has_command)
        reader.fail(line, fmt::format("{} has both 'webhook' and 'command': write one entry for "
                                      "each",
                                      where));
    if (!has_webhook && !has_command)
        reader.fail(line, fmt::format("{} needs 'webhook' (a URL) or 'command' (a list: the "
                                      "program and its arguments)",
                                      where));
    if (has_command && secret_line)
        reader.fail(*secret_line, "'secret' signs a webhook's body; a 'command' entry takes none");
    if (result.events.empty()) result.events.assign(notify_events().begin(), notify_events().end());
    return result;
}

} // namespace

std::vector<NotifyEntry> read_notify(const YamlReader& reader, const Entry& notify,
                                     std::string_view where) {
    std::vector<NotifyEntry> entries;
    const std::vector<YAML::Node> items = reader.items(notify.value, "'notify'", notify.line);
    for (std::size_t i = 0; i < items.size(); ++i)
        entries.push_back(read_entry(reader, items[i], notify.line,
                                     fmt::format("'notify' entry #{} of {}", i + 1, where)));
    return entries;
}

} // namespace fleet::inventory::detail
