#pragma once

#include "engine/command/project.hpp"
#include "engine/lint/revision_statements.hpp"
#include "orchestrator/lint/dry_run.hpp"
#include "tests/support/temp_dir.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace fleet::test {

// A script directory in a temporary folder, written one SQL revision at a
// time, each returned as the dry run takes it: its statements with the line
// each starts on, as revision_statements() will give them.
class LintTestProject {
  public:
    // Writes revision `id` after `down` (empty: a base) whose upgrade runs
    // `statements` in order, each followed by ";". A statement's
    // outside_transaction is kept as given; with one, or without
    // `transactional`, the revision is `transactional: false`.
    orchestrator::lint::PendingRevision
    sql_revision(const std::string& id, const std::string& down,
                 std::vector<engine::lint::LintStatement> statements, bool transactional = true) {
        std::string text = fmt::format("-- revision: {}\n-- down_revision: {}\n-- message: {}\n"
                                       "-- create_date: 2026-12-01T10:00:00Z\n",
                                       id, down, id);
        int line = 7;
        // A statement that cannot run in a transaction needs the revision
        // to run outside one, as a live run would be told.
        if (!transactional ||
            std::any_of(statements.begin(), statements.end(),
                        [](const auto& statement) { return statement.outside_transaction; })) {
            text += "-- transactional: false\n";
            ++line;
        }
        text += "\n-- +upgrade\n";
        for (auto& statement : statements) {
            statement.line = line;
            statement.operation = "execute";
            text += statement.sql + ";\n";
            line +=
                1 + static_cast<int>(std::count(statement.sql.begin(), statement.sql.end(), '\n'));
        }
        text += "\n-- +downgrade\n";
        m_folder.write(fmt::format("migrations/versions/{}.sql", id), text);
        return {id, std::move(statements)};
    }

    // Writes a YAML revision whose upgrade is `steps` (the lines under "upgrade:").
    void yaml_revision(const std::string& id, const std::string& down, const std::string& steps) {
        m_folder.write(fmt::format("migrations/versions/{}.yaml", id),
                       fmt::format("revision: {}\ndown_revision: {}\nmessage: {}\n"
                                   "create_date: \"2026-12-01T10:00:00Z\"\nupgrade:\n{}",
                                   id, down.empty() ? "null" : down, id, steps));
    }

    // The script directory as written so far, loaded.
    engine::command::Project project() const { return engine::command::Project(location()); }
    std::filesystem::path location() const { return m_folder.path() / "migrations"; }

  private:
    TempDir m_folder;
};

// A statement of a hand-written revision.
inline engine::lint::LintStatement statement(std::string sql, bool outside_transaction = false) {
    engine::lint::LintStatement result;
    result.sql = std::move(sql);
    result.outside_transaction = outside_transaction;
    return result;
}

} // namespace fleet::test
