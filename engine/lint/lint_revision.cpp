#include "engine/lint/lint_revision.hpp"

#include "engine/error.hpp"
#include "engine/lint/revision_linter.hpp"
#include "engine/lint/waivers.hpp"
#include "engine/runtime/schema_replay.hpp"

#include <fmt/format.h>

namespace fleet::engine::lint {

RevisionToLint revision_to_lint(const script::ScriptDirectory& scripts, const std::string& id,
                                const ops::Dialect& dialect, runtime::SchemaReplay& replay) {
    const script::Script* script = scripts.find(id);
    if (!script) throw RevisionError(fmt::format("no script for revision {}", id));
    check_waivers(script->waivers, script->path);
    RevisionToLint revision;
    revision.id = id;
    revision.file = script->path;
    revision.transactional = script->transactional;
    revision.dialect = std::string(dialect.name());
    revision.statements = revision_statements(scripts, id, dialect, replay);
    revision.before = replay.before(id);
    revision.waivers = script->waivers;
    return revision;
}

std::vector<Finding> lint_revision(const RevisionToLint& revision, const RevisionTrace* trace,
                                   const TargetFacts* facts) {
    check_waivers(revision.waivers, revision.file);
    return RevisionLinter(revision, trace, facts).run();
}

} // namespace fleet::engine::lint
