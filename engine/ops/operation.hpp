#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// Migration operations as plain data, Alembic's op.* kept as values. A dialect
// (engine/ops/dialect.hpp) renders each one into SQL statements; the live run
// and offline --sql render the same way. New operations (create_table,
// add_column, ...) join the Operation variant; each knows its reverse() where
// one exists.
namespace fleet::engine::ops {

// SQL text run as written: one statement. by_dialect, when it has an entry for
// the target's dialect ("postgresql", "sqlite"), is used instead of sql; with
// sql empty and no entry for the dialect, nothing runs there (a YAML
// `execute: {postgresql: ...}` step on SQLite).
struct Execute {
    std::string sql;
    std::map<std::string, std::string> by_dialect;
    int line = 0; // where it starts in its revision file, for error messages

    // The statement to run on `dialect`; empty: nothing to run there.
    const std::string& sql_for(std::string_view dialect) const {
        const auto own = by_dialect.find(std::string(dialect));
        return own != by_dialect.end() ? own->second : sql;
    }

    bool operator==(const Execute&) const = default;
};

using Operation = std::variant<Execute>;

// The line an operation was read from (0 when unknown).
inline int source_line(const Operation& op) {
    return std::visit([](const auto& o) { return o.line; }, op);
}

} // namespace fleet::engine::ops
