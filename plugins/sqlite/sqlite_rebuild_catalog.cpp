#include "plugins/sqlite/sqlite_rebuild_catalog.hpp"

namespace fleet::plugins::sqlite {

SchemaCatalog catalog_from_model(const std::vector<const engine::ops::TableModel*>& tables,
                                 const CreateRenderer& render) {
    SchemaCatalog catalog;
    for (const auto* table : tables) {
        engine::ops::CreateTable create;
        create.schema = table->schema;
        create.name = table->name;
        create.columns = table->columns;
        create.primary_key = table->primary_key;
        create.unique = table->unique;
        create.checks = table->checks;
        create.foreign_keys = table->foreign_keys;
        create.comment = table->comment;
        catalog.push_back({"table", table->name, table->name, render(create)});
        for (const auto& index : table->indexes)
            catalog.push_back({"index", index.name, table->name, render(index)});
    }
    return catalog;
}

} // namespace fleet::plugins::sqlite
