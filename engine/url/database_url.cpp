#include "engine/url/database_url.hpp"

#include "engine/error.hpp"
#include "engine/url/redact.hpp"
#include "engine/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fleet::engine::url {

namespace {

using util::lower;
using util::trim;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// %XY becomes the byte XY; a malformed escape stays as written (as Python's
// unquote does). plus_is_space: '+' means ' ' (query strings).
std::string percent_decode(std::string_view text, bool plus_is_space = false) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += (plus_is_space && c == '+') ? ' ' : c;
    }
    return out;
}

bool is_unreserved(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

// Percent-encodes every byte that is not unreserved and not in `keep`.
std::string percent_encode(std::string_view text, std::string_view keep = {}) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_unreserved(c) || keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

// A path or database name: readable, only what would confuse the parser is
// encoded.
std::string encode_path(std::string_view text) {
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '%' || c == '?' || c == '#' || c == '@' || u <= 0x20 || u == 0x7f) {
            out += fmt::format("%{:02X}", u);
        } else {
            out += c;
        }
    }
    return out;
}

class Parser {
  public:
    Parser(std::string_view text, const std::string& base_dir)
        : m_text(trim(text)), m_base_dir(base_dir) {}

    DatabaseUrl parse() {
        DatabaseUrl url;
        if (m_text.empty()) fail("the URL is empty");
        auto sep = m_text.find("://");
        if (sep == std::string_view::npos) {
            fail("expected SCHEME://..., e.g. sqlite:///app.db or "
                 "postgresql://user@host/dbname");
        }
        parse_name(m_text.substr(0, sep), url);
        std::string_view rest = m_text.substr(sep + 3);
        std::size_t pos = parse_userinfo(rest, url);
        pos = parse_host_port(rest, pos, url);
        if (pos < rest.size() && rest[pos] == '/') {
            auto end = rest.find('?', pos + 1);
            if (end == std::string_view::npos) end = rest.size();
            url.database = percent_decode(rest.substr(pos + 1, end - pos - 1));
            pos = end;
        }
        if (pos < rest.size() && rest[pos] == '?') {
            parse_query(rest.substr(pos + 1), url);
            pos = rest.size();
        }
        if (pos != rest.size()) fail(fmt::format("unexpected '{}'", rest.substr(pos)));
        if (url.scheme == "sqlite") finish_sqlite(url);
        return url;
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw UsageError(fmt::format("invalid database URL '{}': {}", mask_url_text(m_text), what));
    }

    void parse_name(std::string_view name, DatabaseUrl& url) const {
        bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '+';
        });
        if (!valid) fail(fmt::format("'{}' is not a scheme", name));
        std::string full = lower(name);
        auto plus = full.find('+');
        url.scheme = full.substr(0, plus);
        // "+driver://" names no database: full() could not write it back.
        if (url.scheme.empty()) fail(fmt::format("'{}' is not a scheme", name));
        if (plus != std::string::npos) {
            url.driver = full.substr(plus + 1);
            if (url.driver.empty() || url.driver.find('+') != std::string::npos) {
                fail(fmt::format("'{}' is not a scheme", name));
            }
        }
        // SQLAlchemy's old spelling. Whether fleet has a driver for the scheme
        // is the driver registry's to say (plugins/driver_registry.cpp).
        if (url.scheme == "postgres") url.scheme = "postgresql";
    }

    // SQLAlchemy's rule: the user runs to the first ':' or '/'; after a ':' the
    // password runs to the first '@'. Without a ':' the last '@' before the
    // first '/' ends the user, so "name@server@host" keeps its '@'.
    std::size_t parse_userinfo(std::string_view rest, DatabaseUrl& url) const {
        auto run_end = rest.find_first_of(":/");
        if (run_end == std::string_view::npos) run_end = rest.size();
        if (run_end < rest.size() && rest[run_end] == ':') {
            auto at = rest.find('@', run_end + 1);
            if (at != std::string_view::npos) {
                url.username = percent_decode(rest.substr(0, run_end));
                url.password = percent_decode(rest.substr(run_end + 1, at - run_end - 1));
                return at + 1;
            }
        }
        auto at = rest.substr(0, run_end).rfind('@');
        if (at == std::string_view::npos) return 0;
        url.username = percent_decode(rest.substr(0, at));
        return at + 1;
    }

    std::size_t parse_host_port(std::string_view rest, std::size_t pos, DatabaseUrl& url) const {
        if (pos < rest.size() && rest[pos] == '[') {
            auto close = rest.find(']', pos);
            if (close == std::string_view::npos) fail("'[' of an IPv6 host is not closed");
            url.host = std::string(rest.substr(pos + 1, close - pos - 1));
            if (url.host.empty() || url.host.find_first_of("/?[@") != std::string::npos) {
                fail("the IPv6 host in [] is not an address");
            }
            pos = close + 1;
            if (pos < rest.size() && rest.find_first_of(":/?", pos) != pos) {
                fail("expected ':', '/' or '?' after ']'");
            }
        } else {
            auto end = rest.find_first_of(":/?", pos);
            if (end == std::string_view::npos) end = rest.size();
            url.host = std::string(rest.substr(pos, end - pos));
            if (url.host.find('@') != std::string::npos) {
                fail("'@' in the host: write an '@' of a user name or password as %40");
            }
            if (url.host.find_first_of("[]") != std::string::npos) {
                fail("'[' or ']' in the host: write an IPv6 host as [::1]");
            }
            pos = end;
        }
        // No host name has one, and full() writes the host as it is: a host
        // ending in "\r" would lose it to the trim when parsed back.
        if (std::any_of(url.host.begin(), url.host.end(), [](char c) {
                return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
            })) {
            fail("a space or control character in the host");
        }
        if (pos < rest.size() && rest[pos] == ':') {
            auto end = rest.find_first_of("/?", pos + 1);
            if (end == std::string_view::npos) end = rest.size();
            std::string_view port = rest.substr(pos + 1, end - pos - 1);
            if (!port.empty()) {
                bool digits = port.size() <= 5 && std::all_of(port.begin(), port.end(), [](char c) {
                                  return c >= '0' && c <= '9';
                              });
                int value = digits ? std::stoi(std::string(port)) : 0;
                if (value < 1 || value > 65535) fail("the port is not a number from 1 to 65535");
                url.port = value;
            }
            pos = end;
        }
        return pos;
    }

    void parse_query(std::string_view text, DatabaseUrl& url) const {
        while (!text.empty()) {
            auto amp = text.find('&');
            std::string_view pair = text.substr(0, amp);
            text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
            if (pair.empty()) continue;
            auto eq = pair.find('=');
            std::string key = percent_decode(pair.substr(0, eq), true);
            std::string value;
            if (eq != std::string_view::npos) value = percent_decode(pair.substr(eq + 1), true);
            if (key.empty()) fail("a query parameter has no name");
            url.query[key] = value;
        }
    }

    void finish_sqlite(DatabaseUrl& url) const {
        if (!url.username.empty() || !url.password.empty() || !url.host.empty() || url.port != 0) {
            fail("a SQLite URL has no user, password, host or port: write "
                 "sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite:///:memory:");
        }
        if (url.database.empty()) url.database = DatabaseUrl::k_memory;
        if (url.database == DatabaseUrl::k_memory || m_base_dir.empty()) return;
        std::filesystem::path path(url.database);
        if (path.is_relative()) {
            url.database = (std::filesystem::path(m_base_dir) / path).lexically_normal().string();
        }
    }

    std::string_view m_text;
    const std::string& m_base_dir;
};

std::string render(const DatabaseUrl& url, bool hide_password) {
    std::string out = url.scheme + "://";
    if (url.scheme == "sqlite") {
        out += "/" + encode_path(url.database);
    } else {
        if (!url.username.empty() || !url.password.empty()) {
            out += percent_encode(url.username);
            if (!url.password.empty()) {
                out += ":" + (hide_password ? std::string("***") : percent_encode(url.password));
            }
            out += "@";
        }
        out += url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
        if (url.port != 0) out += ":" + std::to_string(url.port);
        if (!url.database.empty()) out += "/" + encode_path(url.database);
    }
    char separator = '?';
    for (const auto& [key, value] : url.query) {
        bool secret = lower(key).find("password") != std::string::npos;
        out += separator;
        out += percent_encode(key, "/:,") + "=" +
               (secret && hide_password ? std::string("***") : percent_encode(value, "/:,"));
        separator = '&';
    }
    return out;
}

} // namespace

DatabaseUrl DatabaseUrl::parse(std::string_view text, const std::string& base_dir) {
    return Parser(text, base_dir).parse();
}

std::string DatabaseUrl::masked() const { return render(*this, true); }

std::string DatabaseUrl::full() const { return render(*this, false); }

std::string DatabaseUrl::host_port() const {
    if (scheme == "sqlite") return {};
    std::string shown_host = host;
    if (shown_host.empty()) {
        auto it = query.find("host");
        shown_host = it != query.end() && !it->second.empty() ? it->second : "localhost";
    }
    if (shown_host.find(':') != std::string::npos) shown_host = "[" + shown_host + "]";
    std::string shown_port;
    if (port != 0) {
        shown_port = std::to_string(port);
    } else if (auto it = query.find("port"); it != query.end() && !it->second.empty()) {
        shown_port = it->second;
    } else if (scheme == "postgresql") {
        shown_port = "5432";
    }
    return shown_port.empty() ? shown_host : shown_host + ":" + shown_port;
}

} // namespace fleet::engine::url
