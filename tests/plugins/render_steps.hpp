#pragma once

#include "engine/ops/ddl_compiler.hpp"
#include "engine/ops/dialect.hpp"

#include <string>
#include <vector>

// Renders a revision's operations one by one, as a golden file shows them:
// each under a "-- <operation>, line N" title, each statement ending in ";",
// a statement that runs outside the transaction marked so. The schema model
// advances past each operation.
namespace fleet::tests {

struct RenderedSteps {
    std::string text;                               // for the golden file
    std::vector<engine::ops::Statement> statements; // all, in order
};

inline RenderedSteps render_steps(const engine::ops::Dialect& dialect,
                                  const std::vector<engine::ops::Operation>& ops,
                                  engine::ops::SchemaModel& schema) {
    RenderedSteps out;
    engine::ops::RenderContext context;
    context.schema = &schema;
    context.capabilities = &dialect.capabilities();
    context.offline = true;
    context.file = "versions/sample.yaml";
    for (const auto& op : ops) {
        out.text += "-- " + std::string(engine::ops::operation_name(op)) + ", line " +
                    std::to_string(engine::ops::source_line(op)) + "\n";
        for (const auto& statement : dialect.compiler().render(op, context)) {
            if (statement.outside_transaction) out.text += "-- (outside the transaction)\n";
            out.text += statement.sql + ";\n";
            out.statements.push_back(statement);
        }
        out.text += "\n";
        schema.apply(op, context.file);
    }
    return out;
}

} // namespace fleet::tests
