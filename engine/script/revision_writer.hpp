#pragma once

#include "engine/script/script_format.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// Writing new revision files: what `fleet revision` and `fleet merge` create.
// Every file written here loads back with load_script_file() unchanged.
namespace fleet::engine::script {

// What a new revision file declares.
struct NewRevision {
    std::string id;                          // new_revision_id() or --rev-id
    std::string message;                     // -m; written on one line
    std::vector<std::string> down_revisions; // empty: a root; several: a merge
    std::vector<std::string> branch_labels;
    std::vector<std::string> depends_on;
    ScriptFormat format = ScriptFormat::sql;
    std::string create_date; // utc_create_date()
    // What the sections hold instead of a placeholder comment: SQL statements
    // for sql; step lines ("  - execute: ...") for yaml. Empty: the placeholder.
    std::string upgrade_body;
    std::string downgrade_body;
    // sql only: sections of one dialect each ("-- +upgrade postgresql"),
    // written after the plain one, which is left out when its body is empty.
    std::map<std::string, std::string> upgrade_by_dialect;
    std::map<std::string, std::string> downgrade_by_dialect;
    bool transactional = true; // false: `transactional: false`
    bool has_downgrade = true; // false: no downgrade section, so downgrading past it is refused
};

// A fresh revision id: 12 random lowercase hex digits, as Alembic's rev_id()
// (uuid4().hex[-12:]). Never throws.
std::string new_revision_id();

// `when` in ISO 8601 UTC, to the second: "2026-11-21T10:00:00Z".
std::string
utc_create_date(std::chrono::system_clock::time_point when = std::chrono::system_clock::now());

// Alembic's slug of a message (file_template %(slug)s with
// truncate_slug_length 40): the runs of word characters joined by '_' and
// lowercased; when longer than `truncate_length` characters, cut to that
// length, back to the last '_', and ended with '_'. Word characters and
// lowercase are Python's (engine/util/unicode.hpp), so any message gets the
// slug Alembic would give it; a byte that is not UTF-8 separates words.
std::string revision_slug(std::string_view message, std::size_t truncate_length = 40);

// "<id>_<slug>.sql" or ".yaml" (Alembic's default file_template "%(rev)s_%(slug)s").
std::string revision_file_name(const NewRevision& revision);

// The text of the new file: the header (or YAML keys), an upgrade and a
// downgrade section. Throws UsageError for an id, label or depends_on entry
// that revision_names.hpp rejects, or no create_date.
std::string render_revision(const NewRevision& revision);

// Writes render_revision() to script_location/versions/revision_file_name()
// and returns that path. Never overwrites.
// Throws UsageError: a bad field (render_revision), or the file already exists.
// InputError: versions/ does not exist, or the file cannot be written.
std::filesystem::path write_revision(const std::filesystem::path& script_location,
                                     const NewRevision& revision);

// Writes `text` to a new file at `path`. Throws UsageError when it exists
// already, InputError when it cannot be created or written.
void write_new_file(const std::filesystem::path& path, std::string_view text);

} // namespace fleet::engine::script
