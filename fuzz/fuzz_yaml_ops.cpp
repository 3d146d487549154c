// Fuzzes the reader of a YAML revision's portable operations
// (engine/script/yaml_*_ops.cpp, yaml_values.cpp, yaml_fields.cpp) through
// parse_script, and checks what the op model promises of every operation it
// accepts (engine/ops/operation.hpp): a line, a table (but for drop_index), every index and
// constraint named, create_table's column keys moved to the table, primary
// key columns NOT NULL, and portable types that read back as written.
#include "engine/error.hpp"
#include "engine/ops/column_type.hpp"
#include "engine/ops/operation.hpp"
#include "engine/script/script_file.hpp"
#include "fuzz/fuzz_input.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

namespace {

using namespace fleet::engine;

// A broken promise: say which and stop, so libFuzzer keeps the input.
[[noreturn]] void broken(const ops::Operation& op, const char* promise) {
    std::fprintf(stderr, "yaml_ops: %.*s on line %d: %s\n",
                 static_cast<int>(ops::operation_name(op).size()), ops::operation_name(op).data(),
                 ops::source_line(op), promise);
    std::abort();
}

void check_type(const ops::Operation& op, const ops::ColumnType& type) {
    using Kind = ops::ColumnType::Kind;
    if (type.kind == Kind::enumeration || type.kind == Kind::per_dialect) return;
    std::string error;
    const auto again = ops::parse_column_type(ops::portable_name(type), &error);
    if (!again || *again != type) broken(op, "a type does not read back from its portable name");
}

void check_column(const ops::Operation& op, const ops::Column& column) {
    if (column.name.empty()) broken(op, "a column without a name");
    check_type(op, column.type);
    if (column.primary_key && column.nullable) broken(op, "a nullable primary key column");
    if (column.references && column.references->name.empty()) broken(op, "an unnamed reference");
}

void check_create_table(const ops::Operation& op, const ops::CreateTable& table) {
    std::set<std::string> names;
    for (const ops::Column& column : table.columns) {
        check_column(op, column);
        if (column.primary_key || column.unique || column.references)
            broken(op, "a create_table column kept a key the table should hold");
        if (!names.insert(column.name).second) broken(op, "a column twice");
    }
    std::set<std::string> constraints;
    const auto named = [&](const std::string& name) {
        if (name.empty()) broken(op, "an unnamed constraint");
        if (!constraints.insert(name).second) broken(op, "two constraints with one name");
    };
    if (table.primary_key) {
        named(table.primary_key->name);
        for (const std::string& key : table.primary_key->columns) {
            const auto column = std::find_if(table.columns.begin(), table.columns.end(),
                                             [&](const ops::Column& c) { return c.name == key; });
            if (column == table.columns.end()) broken(op, "a primary key on a missing column");
            if (column->nullable) broken(op, "a nullable primary key column");
        }
    }
    for (const auto& unique : table.unique)
        named(unique.name);
    for (const auto& check : table.checks)
        named(check.name);
    for (const auto& key : table.foreign_keys) {
        named(key.name);
        if (key.columns.size() != key.referred_columns.size())
            broken(op, "a foreign key with unmatched columns");
    }
}

void check(const ops::Operation& op) {
    if (ops::source_line(op) <= 0) broken(op, "no line");
    if (ops::operation_name(op).empty()) broken(op, "no name");
    // Only execute and drop_index (PostgreSQL needs no table) may have none.
    if (!std::holds_alternative<ops::Execute>(op) && !std::holds_alternative<ops::DropIndex>(op) &&
        ops::table_of(op).empty())
        broken(op, "no table");
    if (const auto* table = std::get_if<ops::CreateTable>(&op)) check_create_table(op, *table);
    if (const auto* add = std::get_if<ops::AddColumn>(&op)) check_column(op, add->column);
    if (const auto* alter = std::get_if<ops::AlterColumn>(&op)) {
        if (alter->type) check_type(op, *alter->type);
        if (alter->existing_type) check_type(op, *alter->existing_type);
    }
    if (const auto* index = std::get_if<ops::CreateIndex>(&op)) {
        if (index->name.empty() || index->columns.empty()) broken(op, "an unnamed or empty index");
    }
    if (const auto* key = std::get_if<ops::CreatePrimaryKey>(&op); key && key->key.name.empty())
        broken(op, "an unnamed primary key");
    if (const auto* unique = std::get_if<ops::CreateUniqueConstraint>(&op);
        unique && unique->constraint.name.empty())
        broken(op, "an unnamed unique constraint");
    if (const auto* fk = std::get_if<ops::CreateForeignKey>(&op); fk && fk->key.name.empty())
        broken(op, "an unnamed foreign key");
    if (const auto* ck = std::get_if<ops::CreateCheckConstraint>(&op); ck && ck->check.name.empty())
        broken(op, "an unnamed check");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const script::Script parsed = script::parse_script(fleet::fuzz::text_of(data, size),
                                                           "fuzz.yaml", script::ScriptFormat::yaml);
        for (auto direction : {script::Direction::upgrade, script::Direction::downgrade})
            for (const ops::Operation& op : parsed.operations(direction, ""))
                check(op);
    } catch (const fleet::Error&) {
        // Rejected input, as expected.
    }
    return 0;
}
