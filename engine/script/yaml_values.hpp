#pragma once

#include "engine/ops/operation.hpp"
#include "engine/script/yaml_fields.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

// The values operations share, read from YAML (INTERFACE.md, "A YAML
// revision: portable operations"): types, server defaults, literals,
// ON DELETE / ON UPDATE actions, references and columns. Every reader throws
// InputError naming the file, the line and the key. Private to engine/script.
namespace fleet::engine::script {

// The key's type: a portable name or any other name (ops::parse_column_type),
// {enum: NAME, values: [...]} or {postgresql: T, sqlite: T}.
// Throws InputError: absent, a bad portable name, a bad map.
ops::ColumnType read_type(const YamlFields& fields, std::string_view key);

// The key's server default: a scalar is a literal, {expr: current_timestamp
// | current_date | current_time} portable, {sql, postgresql, sqlite} SQL as
// written. nullopt for null. Throws InputError for anything else.
std::optional<ops::ServerDefault> read_server_default(const YamlFields& fields,
                                                      std::string_view key);

// A scalar as the literal YAML means: null; true/false (any YAML 1.2
// spelling of them) a boolean; a plain decimal number a number; anything
// quoted, tagged !!str or otherwise a string. yaml-cpp 0.7 tags a quoted or
// block scalar "!" and a plain one "?". nullopt: not a scalar or null.
std::optional<ops::Literal> literal_of(const YAML::Node& node);

// ON DELETE / ON UPDATE: upper case, one space between words; "" when
// absent. Throws InputError: not one of CASCADE, SET NULL, SET DEFAULT,
// RESTRICT, NO ACTION.
std::string read_action(const YamlFields& fields, std::string_view key);

// A table-level `references: {table, columns, schema}` into `key`'s
// referred_* fields. Throws InputError: a bad map, or not as many columns as
// `key.columns`.
void read_references(const YamlFields& fields, std::string_view key_name, ops::ForeignKey& key);

// One column map (name, type, nullable, primary_key, autoincrement, unique,
// server_default, references, comment) of `table`. A primary key column is
// NOT NULL; its `references` gets the column and, when unnamed, the
// convention's name. `where` names the operation in messages.
// Throws InputError: a bad key or value, `nullable: true` on a primary key,
// autoincrement on a type that is not an integer.
ops::Column read_column(const YAML::Node& node, int line, std::string_view table,
                        std::string_view where, const StepSource& source);

} // namespace fleet::engine::script
