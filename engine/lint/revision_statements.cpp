#include "engine/lint/revision_statements.hpp"

#include "engine/error.hpp"
#include "engine/ops/ddl_compiler.hpp"
#include "engine/runtime/schema_replay.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace fleet::engine::lint {

namespace {

bool all_execute(const std::vector<ops::Operation>& operations) {
    return std::all_of(operations.begin(), operations.end(), [](const ops::Operation& op) {
        return std::holds_alternative<ops::Execute>(op);
    });
}

// A SQL revision's statements as written: no model is needed, so nothing
// is replayed (a SQL-only script directory replays nothing, as a run does).
std::vector<LintStatement> written_statements(const std::vector<ops::Operation>& operations,
                                              std::string_view dialect) {
    std::vector<LintStatement> out;
    for (const auto& op : operations) {
        const auto& execute = std::get<ops::Execute>(op);
        const std::string& sql = execute.sql_for(dialect);
        if (sql.empty()) continue; // an execute step for other dialects only
        out.push_back({execute.line, sql, "execute", false});
    }
    return out;
}

} // namespace

std::vector<LintStatement> revision_statements(const script::ScriptDirectory& scripts,
                                               const std::string& id, const ops::Dialect& dialect) {
    runtime::SchemaReplay replay(scripts, std::string(dialect.name()));
    return revision_statements(scripts, id, dialect, replay);
}

std::vector<LintStatement> revision_statements(const script::ScriptDirectory& scripts,
                                               const std::string& id, const ops::Dialect& dialect,
                                               runtime::SchemaReplay& replay) {
    const script::Script* script = scripts.find(id);
    if (!script) throw RevisionError(fmt::format("no script for revision {}", id));
    const auto& operations = script->operations(script::Direction::upgrade, dialect.name());
    if (all_execute(operations)) return written_statements(operations, dialect.name());

    // Each operation rendered on its own against the model the ones before
    // it leave, so every statement keeps its operation's line and name. A
    // live run renders the list at once, where SQLite folds a stretch of
    // changes to one table into one rebuild; here each such change is its
    // own rebuild, the same work done more than once, which is what the
    // rules need to see and what a dry run can run.
    ops::SchemaModel model = replay.before(id);
    const ops::RenderContext context{&model, &dialect.capabilities(), true, script->path, nullptr};
    std::vector<LintStatement> out;
    for (const auto& op : operations) {
        const std::vector<ops::Operation> one{op};
        const std::string name(ops::operation_name(op));
        for (auto& statement : dialect.compiler().render(one, model, context)) {
            out.push_back({ops::source_line(op), std::move(statement.sql), name,
                           statement.outside_transaction});
        }
    }
    return out;
}

} // namespace fleet::engine::lint
