#pragma once

#include "engine/ops/operation.hpp"
#include "engine/ops/schema_model.hpp"

#include <optional>
#include <string>
#include <vector>

// An alter_column that keeps a column's enum type but lists other labels
// changes the type itself, which every column of it shares: what Alembic
// users write as a type change from one Enum to another of the same name.
// PostgreSQL adds labels in place (ALTER TYPE ... ADD VALUE); any other
// change (a label removed, the order changed) needs the type made again and
// every column using it cast over (postgres_compiler.cpp renders both).
// Pure.
namespace fleet::plugins::postgres {

struct EnumRelabel {
    std::string name;
    std::vector<std::string> before; // the type's labels now
    std::vector<std::string> after;  // the labels the step gives it
};

// The relabelling `op` asks for: its type is an enum of the name the
// column's type has before it (the model's column, else existing_type), and
// the type's labels now (the model's, else that old type's) are others.
// nullopt for any other alter_column.
std::optional<EnumRelabel> enum_relabel(const engine::ops::AlterColumn& op,
                                        const engine::ops::SchemaModel& schema);

// One label ADD VALUE puts in: after `neighbour`, else (the new first
// label) before it; with no neighbour (the type had no label), at the end.
struct LabelAdded {
    std::string label;
    std::string neighbour;
    bool after = true;
};

// The labels to add, in the order that gives the wanted order, when the
// change only adds labels (every label now kept, in its order); nullopt
// when it removes or reorders any.
std::optional<std::vector<LabelAdded>> labels_added(const EnumRelabel& change);

} // namespace fleet::plugins::postgres
