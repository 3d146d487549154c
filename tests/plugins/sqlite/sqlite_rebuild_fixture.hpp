#pragma once

#include "plugins/sqlite/sqlite_rebuild.hpp"
#include "tests/support/temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

// A real SQLite file with foreign keys ON, and the rebuild run on it as the
// runtime runs a revision: foreign_keys OFF before BEGIN, the statements,
// COMMIT (ROLLBACK on a failure), foreign_keys ON again.
namespace fleet::test {

class RebuildDb {
  public:
    RebuildDb();
    SQLite::Database& db() { return m_db; }

    // Runs `sql` (several statements allowed) outside any transaction.
    void exec(const std::string& sql);
    // Each row of `query` as "v1|v2|...", with quote() spelling of values.
    std::vector<std::string> rows(const std::string& query);
    // sqlite_master in rowid order, as render_rebuild takes it.
    plugins::sqlite::SchemaCatalog catalog();
    // The statements of a rebuild of `table` with `changes` on this file.
    plugins::sqlite::Rebuild plan(const std::string& table,
                                  const std::vector<engine::ops::Operation>& changes);
    // Runs statements in one transaction as the runtime does; rethrows the
    // failing statement's error after the rollback.
    void run(const std::vector<std::string>& statements);
    // plan + run.
    void rebuild(const std::string& table, const std::vector<engine::ops::Operation>& changes);
    // Everything a user could see: sqlite_master, every table's rows (by
    // rowid or key), sqlite_sequence.
    std::string snapshot();

  private:
    TempDir m_dir;
    SQLite::Database m_db;
};

} // namespace fleet::test
