#pragma once

#include "engine/ops/ddl_compiler.hpp"
#include "engine/ops/dialect.hpp"
#include "engine/runtime/migration_step.hpp"
#include "engine/runtime/schema_replay.hpp"
#include "engine/script/script_directory.hpp"

#include <vector>

namespace fleet::engine::runtime {

// One step's SQL, rendered before the run's first statement.
struct RenderedStep {
    std::vector<ops::Statement> statements;
    // A statement must run outside any transaction (CREATE INDEX
    // CONCURRENTLY): the revision runs as a `transactional: false` one does.
    bool outside_transaction = false;
};

// Turns a run's steps into SQL for one dialect before any of it runs, so a
// revision that cannot be rendered, or downgraded, stops the run whole.
class StepRenderer {
  public:
    // `capabilities`: the connection's when live, the dialect's offline.
    // `catalog`: the rows of the compiler's catalog_query() read from the
    // target as the run began (live; null offline); it must outlive this.
    StepRenderer(const script::ScriptDirectory& scripts, const ops::Dialect& dialect,
                 const ops::Capabilities& capabilities, bool offline,
                 const std::vector<std::vector<std::string>>* catalog = nullptr);

    // The operations `step` runs: its upgrade; for a downgrade the written
    // downgrade section, or, for a YAML revision without one, the derived
    // downgrade. Throws InputError (file, line, what) when a downgrade has
    // neither; a stamp runs nothing.
    std::vector<ops::Operation> operations(const MigrationStep& step);

    // Every step's statements, in order. Throws InputError naming file,
    // line and operation for the first that cannot be rendered.
    std::vector<RenderedStep> render(const std::vector<MigrationStep>& steps);

  private:
    const script::ScriptDirectory& m_scripts;
    const ops::Dialect& m_dialect;
    const ops::Capabilities& m_capabilities;
    bool m_offline;
    const std::vector<std::vector<std::string>>* m_catalog;
    SchemaReplay m_replay;
};

} // namespace fleet::engine::runtime
