#pragma once

#include "inventory/env_expand.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::inventory {

// Runs a for_each query: the rows of the one column sql selects, as text.
// url is the registry's URL with a relative SQLite path already made
// absolute. The inventory library knows no driver; the program passes one in.
// It may throw fleet::DatabaseError (or any std::exception).
using QueryRunner =
    std::function<std::vector<std::string>(const std::string& url, const std::string& sql)>;

// One key of a database's for_each with its values, in rollout order.
struct ForEachKey {
    std::string key;
    std::vector<std::string> values;
};

// Every combination of the keys' values, as nested loops in listed order: the
// first key varies slowest ({a: [1, 2], b: [x, y]} gives 1x 1y 2x 2y). No
// keys gives one empty combination; a key without values gives none. Never
// throws but std::bad_alloc.
std::vector<Placeholders> cartesian_product(const std::vector<ForEachKey>& keys);

// `{glob: PATTERN}`: the file names (basename, as `url: sqlite:///shards/{file}`
// expects) of the paths matching the shell pattern, relative to base_dir
// unless absolute, sorted by path byte-wise (not by locale). No match gives
// no values. Throws fleet::InputError at where when a folder cannot be read.
std::vector<std::string> glob_file_names(const std::string& pattern,
                                         const std::filesystem::path& base_dir,
                                         const SourceLocation& where);

// `{query: SQL, url: URL}`: the rows run_query returns, sorted byte-wise.
// Throws fleet::InputError at where when run_query is empty (the program
// cannot run queries), fleet::DatabaseError "FILE:LINE: for_each 'KEY' query
// failed: ..." when it throws; passwords are masked in that message.
std::vector<std::string> query_rows(const QueryRunner& run_query, const std::string& url,
                                    const std::string& sql, const std::string& key,
                                    const SourceLocation& where);

// Why a for_each value is not safe to substitute into target names, URLs,
// file paths and schema names, or nullopt when it is. Values come from
// outside (a registry table, file names) and end up in all of those, so only
// letters, digits, '_', '-' and '.' are allowed, starting with a letter or
// digit, without "..", at most 63 bytes (PostgreSQL truncates longer
// identifiers, which would make two tenants share one schema). Identifiers
// built from them are quoted as well; this rule keeps a value from escaping a
// URL or path, or adding a schema to search_path. Never throws but
// std::bad_alloc.
std::optional<std::string> unsafe_value_reason(std::string_view value);

} // namespace fleet::inventory
