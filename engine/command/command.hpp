#pragma once

#include "engine/command/project.hpp"
#include "engine/ops/dialect.hpp"
#include "engine/runtime/connection.hpp"
#include "engine/runtime/migration_context.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

// The single-target commands, Alembic's command.py: thin functions over the
// script directory, the revision graph and the migration context. They are
// also the embedding API: an application runs
//   fleet::engine::command::upgrade(target, "head", false, std::cout);
// at start-up (see examples/embedding and plugins/embedded.hpp for the
// one-line form taking a URL). Every function throws fleet::Error subclasses;
// revision and input errors come before any database is touched.
namespace fleet::engine::command {

// One database and how to migrate it.
struct Target {
    std::string name = "default/default";
    std::filesystem::path script_location;
    runtime::RunSettings settings;
    // The URL with its password masked, for messages.
    std::string display_url;
    // The dialect, for offline --sql output (no connection is made).
    const ops::Dialect* dialect = nullptr;
    // Opens the live connection; empty when the target has no URL.
    std::function<std::unique_ptr<runtime::Connection>()> connect;
    // False when the database is not there yet and connect() would create it
    // (a new SQLite file); empty means it exists.
    std::function<bool()> exists;
};

// upgrade REV; with sql, "START:END" ranges are allowed and the SQL is printed
// to out instead of run.
void upgrade(const Target& target, const std::string& revision, bool sql, std::ostream& out);
// downgrade REV; --sql requires "START:END", as Alembic's does.
void downgrade(const Target& target, const std::string& revision, bool sql, std::ostream& out);
// stamp REV [REV...] without running migrations; purge empties the table first.
void stamp(const Target& target, const std::vector<std::string>& revisions, bool sql, bool purge,
           std::ostream& out);
// The same three on a script directory the caller loaded once: a rollout
// over a thousand targets sharing one folder loads and checks it once, and
// every target's thread reads the same immutable Project.
void upgrade(const Target& target, const Project& project, const std::string& revision, bool sql,
             std::ostream& out);
void downgrade(const Target& target, const Project& project, const std::string& revision, bool sql,
               std::ostream& out);
void stamp(const Target& target, const Project& project, const std::vector<std::string>& revisions,
           bool sql, bool purge, std::ostream& out);

// Creates the version table when missing.
void ensure_version(const Target& target, bool sql, std::ostream& out);

// Prints the database's current revision(s). check_heads: throws
// fleet::Error(out_of_sync) when they are not the script directory's heads.
void current(const Target& target, bool verbose, bool check_heads, std::ostream& out);
// Whether a database's version rows are exactly the script directory's
// heads (in any order): what `current --check-heads` and autogenerate ask.
bool at_heads(std::vector<std::string> current, const Project& project);

// Prints revisions newest first; range is "A:B", "A:", ":B" with "current"
// allowed (which reads the database, as indicate_current does).
void history(const Target& target, const std::optional<std::string>& range, bool verbose,
             bool indicate_current, std::ostream& out);
void heads(const Target& target, bool verbose, bool resolve_dependencies, std::ostream& out);
void branches(const Target& target, bool verbose, std::ostream& out);
// Prints the log entry of each revision the identifier names ("current" reads
// the database).
void show(const Target& target, const std::string& revision, std::ostream& out);

// What `fleet revision` and `fleet merge` create.
struct NewRevision {
    std::string message;
    std::vector<std::string> heads = {"head"}; // --head, or the revisions merged
    bool splice = false;
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    std::string rev_id; // empty: 12 random hex digits
    std::string format = "sql";
    // What the sections hold instead of a placeholder (autogenerate's steps).
    std::string upgrade_body;
    std::string downgrade_body;
};
// Writes a new revision file and returns its path.
std::filesystem::path revision(const Target& target, const NewRevision& request);
// Writes a merge revision of the given revisions and returns its path.
std::filesystem::path merge(const Target& target, const NewRevision& request);
// Creates a new project (fleet.yaml, migrations/versions, a first revision).
void init(const std::filesystem::path& directory, std::ostream& out);

} // namespace fleet::engine::command
