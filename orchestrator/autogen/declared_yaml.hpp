#pragma once

#include "engine/url/database_url.hpp"
#include "orchestrator/autogen/declared_schema.hpp"

#include <filesystem>
#include <string>
#include <vector>

// A declared schema written as YAML tables (engine/script/yaml_declared.hpp),
// loaded as declared SQL is: rendered by the scratch database's own dialect
// compiler, run there, and read back from its catalog, so it is compared
// spelled as that server spells it.
namespace fleet::orchestrator::autogen {

// Reads `files` (in this order), renders their tables parents first (a
// foreign key in a cycle, or to a table placed later, becomes a
// create_foreign_key after every table), then their indexes, runs the
// statements on the empty database at `scratch` (in one transaction where
// DDL is transactional) and reads its schema back without `excluded`.
// Throws InputError naming the file and line: the YAML is wrong, or a
// statement fails ("the declared schema does not load: <server's message>",
// at the line of the table or index it came from).
DeclaredSchema load_declared_yaml(const std::vector<std::filesystem::path>& files,
                                  const engine::url::DatabaseUrl& scratch,
                                  const std::vector<std::string>& excluded);

} // namespace fleet::orchestrator::autogen
