#pragma once

#include "engine/ops/operation.hpp"
#include "engine/revision/revision.hpp"

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::engine::script {

enum class Direction { upgrade, downgrade };

// The dialect names a script may key a section or an execute step on: the
// names the dialects in plugins/ answer to (ops::Dialect::name()).
inline constexpr std::array<std::string_view, 2> k_dialect_names{"postgresql", "sqlite"};

// Whether `name` is one of k_dialect_names.
bool is_dialect_name(std::string_view name);

// The operations of one direction, keyed by dialect name; "" is the plain
// section used when the target's dialect has none of its own.
using Sections = std::map<std::string, std::vector<ops::Operation>>;

// One revision file, loaded: its graph node plus its migration bodies.
struct Script {
    revision::Revision revision;
    std::string create_date;   // as written in the file, may be empty
    bool transactional = true; // false: run outside any transaction
    Sections upgrade;
    Sections downgrade;        // empty: the revision cannot be downgraded
    std::string checksum;      // hex SHA-256 of the file's bytes
    std::string path;          // the file, as found in versions/
    std::string format;        // "sql" or "yaml"

    bool has_downgrade() const { return !downgrade.empty(); }

    // The operations to run in `direction` on `dialect`: the dialect's own
    // section when the file has one, else the plain one (maybe empty).
    const std::vector<ops::Operation>& operations(Direction direction,
                                                  std::string_view dialect) const;
};

} // namespace fleet::engine::script
