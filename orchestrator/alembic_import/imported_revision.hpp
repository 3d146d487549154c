#pragma once

#include "engine/error.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

// What the Python helper (tools/alembic_import) tells of an Alembic project:
// per revision its header and how it was captured. The helper's JSON is read
// here and nowhere else.
namespace fleet::orchestrator::alembic_import {

// How a revision comes over.
enum class ImportKind {
    yaml,    // every op.* call has a portable form: a YAML revision
    sql,     // captured from Alembic's offline mode, one section per dialect
    by_hand, // it reads the database while it runs: cannot be captured
};

// "yaml", "sql" or "by hand".
std::string_view kind_name(ImportKind kind);

struct ImportedRevision {
    std::string id;
    std::vector<std::string> down_revisions; // several: a merge
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    std::string message;     // the docstring's first paragraph, as Alembic's `history` shows
    std::string create_date; // the docstring's "Create Date", as written
    std::string source_path; // the revision module
    std::string stem;        // its file name without ".py": the new file's name
    ImportKind kind = ImportKind::yaml;
    std::string reason; // sql, by_hand: why it is not portable steps

    // yaml: the steps, as JSON lists in the portable vocabulary.
    std::string upgrade_steps;
    std::string downgrade_steps;
    // sql: the statements per dialect name.
    std::map<std::string, std::string> upgrade_sql;
    std::map<std::string, std::string> downgrade_sql;
    bool transactional = true; // sql: false when it used autocommit_block()
    bool has_downgrade = true; // false: downgrade() raised NotImplementedError
    // by_hand: the module's source, and which directions could not be
    // captured (the other one's SQL is kept in upgrade_sql/downgrade_sql).
    std::string source;
    bool upgrade_by_hand = false;
    bool downgrade_by_hand = false;
};

struct ImportedProject {
    std::string script_location;             // the Alembic script folder read
    std::vector<ImportedRevision> revisions; // bases first, as Alembic walks them
};

// The helper found no Alembic (or SQLAlchemy) in the Python it ran with.
class AlembicMissing : public Error {
  public:
    explicit AlembicMissing(const std::string& detail);
    const std::string& detail() const noexcept { return m_detail; }

  private:
    std::string m_detail;
};

// Reads the helper's output. Throws InputError for the project errors the
// helper reports (no alembic.ini, a module that does not import, with its
// file and line; two revisions with one id), AlembicMissing, and Error
// (exit 1) for output that is not the helper's JSON.
ImportedProject parse_helper_output(std::string_view json);

} // namespace fleet::orchestrator::alembic_import
