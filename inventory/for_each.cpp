#include "inventory/for_each.hpp"

#include "engine/error.hpp"
#include "engine/url/redact.hpp"

#include <fmt/format.h>

#include <glob.h>

#include <cerrno>

#include <algorithm>
#include <memory>

namespace fleet::inventory {

namespace {

// The inventory's folder may hold glob characters itself ("/srv/[old]");
// only the user's pattern may match.
std::string escape_glob(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

} // namespace

std::vector<Placeholders> cartesian_product(const std::vector<ForEachKey>& keys) {
    std::vector<Placeholders> combinations{Placeholders{}};
    for (const ForEachKey& key : keys) {
        std::vector<Placeholders> next;
        next.reserve(combinations.size() * key.values.size());
        for (const Placeholders& prefix : combinations) {
            for (const std::string& value : key.values) {
                Placeholders combination = prefix;
                combination[key.key] = value;
                next.push_back(std::move(combination));
            }
        }
        combinations = std::move(next);
    }
    return combinations;
}

std::vector<std::string> glob_file_names(const std::string& pattern,
                                         const std::filesystem::path& base_dir,
                                         const SourceLocation& where) {
    std::string full = pattern;
    if (!pattern.starts_with('/') && !base_dir.empty())
        full = escape_glob(base_dir.string()) + "/" + pattern;

    glob_t matches{};
    std::unique_ptr<glob_t, void (*)(glob_t*)> cleanup(&matches, globfree);
    // A folder that is missing matches nothing; one that cannot be read is an
    // error, not a silently short fleet.
    auto on_error = [](const char*, int error) {
        return error == ENOENT || error == ENOTDIR ? 0 : 1;
    };
    int result = ::glob(full.c_str(), GLOB_NOSORT, on_error, &matches);
    if (result == GLOB_NOMATCH) return {};
    if (result != 0)
        throw InputError(where.file, where.line,
                         fmt::format("cannot list the files matching '{}'", pattern));

    std::vector<std::string> paths(matches.gl_pathv, matches.gl_pathv + matches.gl_pathc);
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> names;
    names.reserve(paths.size());
    for (const std::string& path : paths)
        names.push_back(std::filesystem::path(path).filename().string());
    return names;
}

std::vector<std::string> query_rows(const QueryRunner& run_query, const std::string& url,
                                    const std::string& sql, const std::string& key,
                                    const SourceLocation& where) {
    if (!run_query)
        throw InputError(where.file, where.line,
                         fmt::format("for_each '{}' needs a database query, and this program "
                                     "was given no way to run one",
                                     key));
    auto failed = [&](std::string_view problem) {
        return fmt::format("{}:{}: for_each '{}' query failed: {}", where.file, where.line, key,
                           engine::url::mask_passwords(problem));
    };
    std::vector<std::string> rows;
    try {
        rows = run_query(url, sql);
    } catch (const DatabaseError& error) {
        throw DatabaseError(failed(error.what()), error.sqlstate());
    } catch (const Error&) {
        throw; // already a fleet error with its own exit code
    } catch (const std::exception& error) {
        throw DatabaseError(failed(error.what()));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::optional<std::string> unsafe_value_reason(std::string_view value) {
    constexpr std::size_t k_max_length = 63;
    if (value.empty()) return "it is empty";
    if (value.size() > k_max_length)
        return fmt::format("it is {} bytes long, more than {}", value.size(), k_max_length);
    auto word_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    if (!word_char(value.front())) return "it must start with a letter or a digit";
    for (char c : value) {
        if (word_char(c) || c == '_' || c == '-' || c == '.') continue;
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f) return fmt::format("it contains the byte 0x{:02x}", byte);
        return fmt::format("it contains '{}'", c);
    }
    if (value.find("..") != std::string_view::npos) return "it contains '..'";
    return std::nullopt;
}

} // namespace fleet::inventory
