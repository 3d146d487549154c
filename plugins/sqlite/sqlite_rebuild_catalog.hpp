#pragma once

#include "engine/ops/schema_model.hpp"
#include "plugins/sqlite/sqlite_rebuild.hpp"

#include <functional>
#include <string>
#include <vector>

// The rebuild's catalog when no sqlite_master can be read: offline --sql,
// from the schema the YAML revisions build when replayed. Pure.
namespace fleet::plugins::sqlite {

// One SQL statement for a CreateTable or CreateIndex operation: the SQLite
// compiler's own rendering, so the catalog reads as the live one would.
using CreateRenderer = std::function<std::string(const engine::ops::Operation&)>;

// Each table's CREATE TABLE followed by its indexes' CREATE INDEX, in the
// order given, as `render` writes them. It holds no views or triggers: the
// revisions' execute steps may have made some the model cannot see, which
// is why a live rebuild reads sqlite_master (k_schema_catalog_query)
// instead. Throws what `render` throws.
SchemaCatalog catalog_from_model(const std::vector<const engine::ops::TableModel*>& tables,
                                 const CreateRenderer& render);

} // namespace fleet::plugins::sqlite
