#include "engine/runtime/step_renderer.hpp"

#include "engine/error.hpp"
#include "engine/ops/reverse.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace fleet::engine::runtime {

namespace {

// The one place operations become SQL: the dialect's compiler renders each
// operation against the model before it and moves the model past it (so a
// reference to a table the replayed schema does not have fails here, before
// anything runs).
std::vector<ops::Statement> render_operations(const ops::Dialect& dialect,
                                              const std::vector<ops::Operation>& operations,
                                              ops::SchemaModel& model,
                                              const ops::RenderContext& context) {
    return dialect.compiler().render(operations, model, context);
}

// SQL needs no replayed schema: a run of SQL revisions replays nothing.
bool all_execute(const std::vector<ops::Operation>& operations) {
    return std::all_of(operations.begin(), operations.end(), [](const ops::Operation& op) {
        return std::holds_alternative<ops::Execute>(op);
    });
}

ops::SchemaModel sql_only() {
    ops::SchemaModel model;
    model.mark_incomplete();
    return model;
}

} // namespace

StepRenderer::StepRenderer(const script::ScriptDirectory& scripts, const ops::Dialect& dialect,
                           const ops::Capabilities& capabilities, bool offline,
                           const std::vector<std::vector<std::string>>* catalog)
    : m_scripts(scripts), m_dialect(dialect), m_capabilities(capabilities), m_offline(offline),
      m_catalog(catalog), m_replay(scripts, std::string(dialect.name())) {}

std::vector<ops::Operation> StepRenderer::operations(const MigrationStep& step) {
    if (step.is_stamp()) return {};
    const auto& id = step.revision()->id;
    const auto* script = m_scripts.find(id);
    if (!script) throw RevisionError(fmt::format("no script for revision {}", id));
    if (step.is_upgrade()) return script->operations(script::Direction::upgrade, m_dialect.name());
    if (script->has_downgrade())
        return script->operations(script::Direction::downgrade, m_dialect.name());
    if (script->format != "yaml") {
        throw InputError(script->path, 0,
                         fmt::format("revision {} has no downgrade section and cannot be "
                                     "downgraded; nothing was run",
                                     id));
    }
    try {
        return ops::derive_downgrade(m_replay.upgrade(id), m_replay.before(id), script->path);
    } catch (const InputError& error) {
        if (error.file() != script->path) throw; // an earlier revision is wrong
        throw InputError(error.file(), error.line(),
                         fmt::format("revision {} has no downgrade section and its downgrade "
                                     "cannot be derived: {}; nothing was run",
                                     id, error.problem()));
    }
}

std::vector<RenderedStep> StepRenderer::render(const std::vector<MigrationStep>& steps) {
    std::vector<RenderedStep> rendered;
    rendered.reserve(steps.size());
    for (const auto& step : steps) {
        RenderedStep out;
        if (!step.is_stamp()) {
            const auto& id = step.revision()->id;
            const auto operations = this->operations(step);
            auto model = all_execute(operations) ? sql_only()
                         : step.is_upgrade()     ? m_replay.before(id)
                                                 : m_replay.after(id);
            ops::RenderContext context{&model, &m_capabilities, m_offline, m_replay.file(id),
                                       m_catalog};
            out.statements = render_operations(m_dialect, operations, model, context);
            for (const auto& statement : out.statements)
                out.outside_transaction = out.outside_transaction || statement.outside_transaction;
        }
        rendered.push_back(std::move(out));
    }
    return rendered;
}

} // namespace fleet::engine::runtime
