#pragma once

#include "engine/ops/operation.hpp"
#include "engine/script/yaml_steps.hpp"

#include <yaml-cpp/yaml.h>

#include <vector>

// The readers of the portable operations, one per operation name; the table
// in yaml_steps.cpp maps each name to its reader. Each reads one step's
// value (what follows `- name:`) into `out`; `line` is the line of the
// operation's name, which becomes the operation's line.
// Throws InputError naming file, line and key (yaml_fields.hpp).
// Private to engine/script.
namespace fleet::engine::script {

// yaml_table_ops.cpp
void parse_create_table(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out);
void parse_drop_table(const YAML::Node& value, int line, const StepSource& source,
                      std::vector<ops::Operation>& out);
void parse_rename_table(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out);

// yaml_column_ops.cpp
void parse_add_column(const YAML::Node& value, int line, const StepSource& source,
                      std::vector<ops::Operation>& out);
void parse_drop_column(const YAML::Node& value, int line, const StepSource& source,
                       std::vector<ops::Operation>& out);
void parse_alter_column(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out);

// yaml_index_ops.cpp
void parse_create_index(const YAML::Node& value, int line, const StepSource& source,
                        std::vector<ops::Operation>& out);
void parse_drop_index(const YAML::Node& value, int line, const StepSource& source,
                      std::vector<ops::Operation>& out);

// yaml_constraint_ops.cpp
void parse_create_primary_key(const YAML::Node& value, int line, const StepSource& source,
                              std::vector<ops::Operation>& out);
void parse_create_unique_constraint(const YAML::Node& value, int line, const StepSource& source,
                                    std::vector<ops::Operation>& out);
void parse_create_foreign_key(const YAML::Node& value, int line, const StepSource& source,
                              std::vector<ops::Operation>& out);
void parse_create_check_constraint(const YAML::Node& value, int line, const StepSource& source,
                                   std::vector<ops::Operation>& out);
void parse_drop_constraint(const YAML::Node& value, int line, const StepSource& source,
                           std::vector<ops::Operation>& out);

// yaml_data_ops.cpp
void parse_bulk_insert(const YAML::Node& value, int line, const StepSource& source,
                       std::vector<ops::Operation>& out);

} // namespace fleet::engine::script
