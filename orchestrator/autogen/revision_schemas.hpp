#pragma once

#include "engine/command/project.hpp"
#include "engine/schema/schema.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

// The schema a set of applied revisions builds, for `fleet audit`'s drift:
// the revisions replayed into a scratch database (ScratchDatabase) and read
// back, once per distinct set, not once per target: ten thousand tenants
// at one revision cost one replay.
namespace fleet::orchestrator::autogen {

// One target's side of the question.
struct RevisionSet {
    std::filesystem::path script_location;
    std::string dialect;                // "sqlite", "postgresql": the scratch database's
    std::vector<std::string> revisions; // the target's version rows, sorted
    std::string dev_url;                // where a server dialect's scratch database goes
    std::string version_table;          // left out of the schema read back
};

struct RevisionSchema {
    std::optional<engine::schema::Schema> schema;
    std::string not_replayed; // why schema is missing: one line, passwords masked
};

class RevisionSchemas {
  public:
    // The schema `set` builds, replayed on first use with `project` (the
    // script directory at set.script_location, loaded by the caller). Never
    // throws but std::bad_alloc: a replay that cannot be made or fails is
    // the result's not_replayed.
    const RevisionSchema& of(const RevisionSet& set, const engine::command::Project& project);

  private:
    using Key =
        std::tuple<std::string, std::string, std::vector<std::string>, std::string, std::string>;
    std::map<Key, RevisionSchema> m_replayed;
};

} // namespace fleet::orchestrator::autogen
