#pragma once

#include "engine/ops/operation.hpp"
#include "engine/revision/revision.hpp"

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fleet::engine::script {

class ScriptSource;

enum class Direction { upgrade, downgrade };

// How much of each revision file a load parses up front. The header (every
// `-- key:` line or YAML key, the section markers) is always read and
// checked: the graph needs it. The body (statements split, YAML steps
// read) is the part only running a step needs:
//   everything  parse every body now, so a bad one fails the load, before a
//               database is touched (what a command that runs steps needs);
//   headers     leave bodies for their first use (what a command that only
//               walks the graph needs: heads, history, show, ...).
enum class Parse { headers, everything };

// The dialect names a script may key a section or an execute step on: the
// names the dialects in plugins/ answer to (ops::Dialect::name()).
inline constexpr std::array<std::string_view, 2> k_dialect_names{"postgresql", "sqlite"};

// Whether `name` is one of k_dialect_names.
bool is_dialect_name(std::string_view name);

// The operations of one direction, keyed by dialect name; "" is the plain
// section used when the target's dialect has none of its own.
using Sections = std::map<std::string, std::vector<ops::Operation>>;

// A lint rule the revision allows, and why (INTERFACE.md, "Lint"): `--
// fleet:allow RULE reason` anywhere in a SQL revision, `allow: [{rule,
// reason}]` in a YAML one. The reader checks that both are there; that RULE
// names a rule of the catalog is checked by lint (engine/lint/waivers.hpp),
// which owns the catalog.
struct Waiver {
    std::string rule;
    std::string reason;
    int line = 0; // where it is written in the revision file
    bool operator==(const Waiver&) const = default;
};

// A revision file's migration bodies.
struct Body {
    Sections upgrade;
    Sections downgrade; // empty: the revision cannot be downgraded
};

// One revision file, loaded: its graph node and header, and its bodies and
// checksum, which are made from the file's bytes on first use (or at load
// with Parse::everything). Copies share those bytes; every method may be
// called from any number of threads at once.
struct Script {
    revision::Revision revision;
    std::string create_date;                    // as written in the file, may be empty
    bool transactional = true;                  // false: run outside any transaction
    bool downgradable = false;                  // the file has a downgrade section (maybe empty)
    std::string path;                           // the file, as found in versions/
    std::string format;                         // "sql" or "yaml"
    std::shared_ptr<const ScriptSource> source; // the bytes; null only in a bare header
    std::vector<Waiver> waivers;                // read with the header, in file order

    bool has_downgrade() const { return downgradable; }

    // The operations to run in `direction` on `dialect`: the dialect's own
    // section when the file has one, else the plain one (maybe empty).
    // Parses the body on first use: throws InputError naming the file and
    // line when it is bad (never after a load with Parse::everything).
    const std::vector<ops::Operation>& operations(Direction direction,
                                                  std::string_view dialect) const;

    // Both directions' sections; parsed as operations() says.
    const Body& body() const;

    // The hex SHA-256 of the file's bytes as read (a byte order mark
    // included), computed on first use: what fleet_history records.
    const std::string& checksum() const;
};

} // namespace fleet::engine::script
