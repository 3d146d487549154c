#include "orchestrator/autogen/declared_yaml.hpp"

#include "engine/error.hpp"
#include "engine/ops/ddl_compiler.hpp"
#include "engine/ops/schema_model.hpp"
#include "engine/script/yaml_declared.hpp"
#include "plugins/driver_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace fleet::orchestrator::autogen {

namespace fs = std::filesystem;
using engine::ops::CreateTable;
using engine::ops::Operation;

namespace {

// One operation to run and the file it came from.
struct Sourced {
    Operation op;
    std::string file;
};

std::vector<engine::script::DeclaredFile> read_files(const std::vector<fs::path>& files) {
    std::vector<engine::script::DeclaredFile> out;
    for (const auto& file : files) {
        out.push_back({file.string(), read_declared_file(file)});
    }
    return out;
}

using TableKey = std::pair<std::string, std::string>; // (schema, name)

TableKey referred(const engine::ops::ForeignKey& key) {
    return {key.referred_schema, key.referred_table};
}

// The operations in an order a server that checks a foreign key's table at
// CREATE TABLE accepts: each table after the declared tables it refers to;
// where a cycle leaves none ready, the first table left goes next and its
// keys to tables not placed yet are added by create_foreign_key after every
// table. Then the indexes, then those keys. The order written is kept
// wherever it already works.
std::vector<Sourced> load_order(engine::script::DeclaredYaml declared) {
    std::vector<Sourced> tables, rest, late_keys;
    std::set<TableKey> names;
    for (std::size_t i = 0; i < declared.operations.size(); ++i) {
        auto& op = declared.operations[i];
        auto& into = std::holds_alternative<CreateTable>(op) ? tables : rest;
        if (const auto* table = std::get_if<CreateTable>(&op))
            names.insert({table->schema, table->name});
        into.push_back({std::move(op), std::move(declared.sources[i])});
    }
    std::vector<Sourced> out;
    std::set<TableKey> placed;
    auto waits_for = [&](const CreateTable& table, const engine::ops::ForeignKey& key) {
        const auto to = referred(key);
        return to != TableKey{table.schema, table.name} && names.count(to) && !placed.count(to);
    };
    while (!tables.empty()) {
        auto ready = std::find_if(tables.begin(), tables.end(), [&](const Sourced& s) {
            const auto& table = std::get<CreateTable>(s.op);
            return std::none_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                                [&](const auto& key) { return waits_for(table, key); });
        });
        if (ready == tables.end()) {
            // A cycle: the first table left goes now, without the keys that
            // would wait.
            ready = tables.begin();
            auto& table = std::get<CreateTable>(ready->op);
            auto& keys = table.foreign_keys;
            for (auto key = keys.begin(); key != keys.end();) {
                if (!waits_for(table, *key)) {
                    ++key;
                    continue;
                }
                late_keys.push_back(
                    {engine::ops::CreateForeignKey{table.schema, table.name, *key, table.line},
                     ready->file});
                key = keys.erase(key);
            }
        }
        const auto& table = std::get<CreateTable>(ready->op);
        placed.insert({table.schema, table.name});
        out.push_back(std::move(*ready));
        tables.erase(ready);
    }
    for (auto* group : {&rest, &late_keys})
        for (auto& s : *group)
            out.push_back(std::move(s));
    return out;
}

// A statement and where in the declared schema it came from.
struct Located {
    engine::ops::Statement statement;
    const Sourced* from;
};

} // namespace

DeclaredSchema load_declared_yaml(const std::vector<fs::path>& files,
                                  const engine::url::DatabaseUrl& scratch,
                                  const std::vector<std::string>& excluded) {
    const auto texts = read_files(files);
    auto declared = engine::script::parse_declared_yaml(texts);
    auto renames = std::move(declared.renames);
    const auto ops = load_order(std::move(declared));

    auto connection = plugins::connect(scratch);
    const auto& compiler = plugins::dialect_for(scratch).compiler();
    // Rendered one operation at a time against the model of those before
    // it, so that every statement knows the table or index it came from.
    engine::ops::SchemaModel model;
    engine::ops::RenderContext context;
    context.capabilities = &connection->capabilities();
    std::vector<Located> statements;
    bool foreign_keys_off = false;
    for (const auto& sourced : ops) {
        context.file = sourced.file;
        for (auto& statement : compiler.render({sourced.op}, model, context)) {
            foreign_keys_off = foreign_keys_off || statement.foreign_keys_off;
            statements.push_back({std::move(statement), &sourced});
        }
    }

    // A key added after its table is a table rebuild where ALTER TABLE
    // cannot add one (SQLite), which wants enforcement off before the
    // transaction: nothing in a new database needs checking.
    if (foreign_keys_off && !compiler.foreign_keys_statement(false).empty())
        connection->execute(compiler.foreign_keys_statement(false));
    // One transaction for the whole load, as for declared SQL.
    const bool transactional = connection->dialect().capabilities().transactional_ddl;
    if (transactional) connection->begin();
    for (const auto& [statement, from] : statements) {
        try {
            connection->execute(statement.sql);
        } catch (const DatabaseError& error) {
            throw InputError(from->file, engine::ops::source_line(from->op),
                             fmt::format("the declared schema does not load: {}", error.what()));
        }
    }
    if (transactional) connection->commit();
    return {connection->read_schema(excluded), std::move(renames)};
}

} // namespace fleet::orchestrator::autogen
