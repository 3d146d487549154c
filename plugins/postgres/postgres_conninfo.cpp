#include "plugins/postgres/postgres_conninfo.hpp"

#include "plugins/postgres/postgres_dialect.hpp"

#include <fmt/format.h>

#include <map>

namespace fleet::plugins::postgres {

using engine::url::DatabaseUrl;

namespace {

// A libpq keyword value in single quotes, backslash and quote escaped.
std::string conninfo_value(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string trim(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

} // namespace

// "t_acme, public" -> t_acme, public with each name quoted as it needs.
std::string search_path_value(const std::string& schema) {
    const PostgresDialect& dialect = PostgresDialect::instance();
    std::string out;
    std::string_view rest = schema;
    while (true) {
        auto comma = rest.find(',');
        std::string name = trim(rest.substr(0, comma));
        if (!name.empty()) {
            if (!out.empty()) out += ", ";
            out += dialect.quote_identifier(name);
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return out;
}

// 2s, 1.5s, 500ms: as the inventory writes durations.
std::string describe_duration(std::chrono::milliseconds duration) {
    auto ms = duration.count();
    if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
    if (ms > 1000) return fmt::format("{}s", static_cast<double>(ms) / 1000.0);
    return fmt::format("{}ms", ms);
}

// How long libpq waited to connect, and which setting said so.
// libpq counts a timeout of 1 second as 2.
std::string connect_timeout_source(const DatabaseUrl& url, const ConnectOptions& options) {
    std::string seconds = std::to_string(options.connect_timeout_seconds);
    std::string source = "connection.connect_timeout";
    if (auto given = url.query.find("connect_timeout"); given != url.query.end()) {
        seconds = trim(given->second);
        source = "the URL's connect_timeout";
    }
    if (seconds == "1") seconds = "2";
    return fmt::format("{}s, {}", seconds, source);
}

std::string connection_string(const DatabaseUrl& url, const ConnectOptions& options) {
    // std::map: later assignments win, so the URL's query overrides defaults.
    std::map<std::string, std::string> keywords;
    if (options.connect_timeout_seconds > 0) {
        keywords["connect_timeout"] = std::to_string(options.connect_timeout_seconds);
    }
    if (!options.application_name.empty()) keywords["application_name"] = options.application_name;
    if (!url.host.empty()) keywords["host"] = url.host;
    if (url.port != 0) keywords["port"] = std::to_string(url.port);
    if (!url.database.empty()) keywords["dbname"] = url.database;
    if (!url.username.empty()) keywords["user"] = url.username;
    if (!url.password.empty()) keywords["password"] = url.password;
    for (const auto& [key, value] : url.query)
        keywords[key] = value;
    std::string out;
    for (const auto& [key, value] : keywords) {
        if (!out.empty()) out += ' ';
        out += key + "=" + conninfo_value(value);
    }
    return out;
}

} // namespace fleet::plugins::postgres
