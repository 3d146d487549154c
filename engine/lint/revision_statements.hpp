#pragma once

#include "engine/ops/dialect.hpp"
#include "engine/script/script_directory.hpp"

#include <string>
#include <vector>

// The statements a revision's upgrade runs on one dialect, each with the line
// of the step it comes from: what the rules read (engine/lint/) and what the
// dry run executes (orchestrator/lint/). SQL revisions give their statements
// as written; YAML revisions are rendered by the dialect's compiler against
// the schema the revisions before them build, as a live run renders them.
namespace fleet::engine::runtime {
class SchemaReplay;
}

namespace fleet::engine::lint {

struct LintStatement {
    int line = 0;          // where its step starts in the revision file
    std::string sql;       // as it would run
    std::string operation; // "execute" for SQL statements, else the YAML operation ("add_column")
    bool outside_transaction = false; // must run outside any transaction (CONCURRENTLY)
};

// Revision `id`'s upgrade statements on `dialect`, in order. Throws
// InputError naming file and line when the revision cannot be rendered, and
// RevisionError for an unknown id.
std::vector<LintStatement> revision_statements(const script::ScriptDirectory& scripts,
                                               const std::string& id, const ops::Dialect& dialect);

// The same, with the models of the revisions before taken from `replay`
// (made for `dialect`'s name), so linting many revisions replays each once.
std::vector<LintStatement> revision_statements(const script::ScriptDirectory& scripts,
                                               const std::string& id, const ops::Dialect& dialect,
                                               runtime::SchemaReplay& replay);

} // namespace fleet::engine::lint
