#pragma once

#include "engine/autogen/rename_hints.hpp"
#include "engine/schema/schema.hpp"
#include "engine/url/database_url.hpp"

#include <filesystem>
#include <string>
#include <vector>

// The declared schema (INTERFACE.md, "Declared schema, autogenerate and
// check"): what the database should look like, read from a catalog of the
// dialect it is compared on. fleet never parses declared SQL: it runs it on
// a scratch database and reads that back, so both sides are spelled by the
// same server. YAML tables (declared_yaml.hpp) are rendered by that server's
// dialect and read back the same way.
namespace fleet::orchestrator::autogen {

// Whether SOURCE names a database (a URL) rather than files.
bool is_database_source(const std::string& source);

// The files of a declared schema, all of one format.
struct DeclaredFiles {
    enum class Format { sql, yaml };
    Format format = Format::sql;
    std::vector<std::filesystem::path> paths; // in name order
};

// The files SOURCE names: the file itself (.sql, .yaml or .yml), or the
// folder's files of one of the two formats in name order. Throws InputError
// when there is none, another kind of file, or a folder mixing the two.
DeclaredFiles declared_files(const std::filesystem::path& source);

// The declared schema read back from its scratch database, and what it says
// was renamed.
struct DeclaredSchema {
    engine::schema::Schema schema;
    engine::autogen::RenameHints renames;
};

// Loads `files` into the empty database at `scratch` (load_declared_sql or
// load_declared_yaml, by their format) and reads its schema back (without
// `excluded`). Throws as they do.
DeclaredSchema load_declared_files(const DeclaredFiles& files,
                                   const engine::url::DatabaseUrl& scratch,
                                   const std::vector<std::string>& excluded);

// Runs every statement of `files` on the database at `scratch`, in order,
// one at a time, then reads its schema (without `excluded`), with the rename
// hints the statements hold (engine/autogen/sql_rename_hints.hpp). Throws
// InputError "FILE:LINE: the declared schema does not load: <server's
// message>" at the first statement that fails, and as the hint reader does.
DeclaredSchema load_declared_sql(const std::vector<std::filesystem::path>& files,
                                 const engine::url::DatabaseUrl& scratch,
                                 const std::vector<std::string>& excluded);

// The whole text of one declared file. Throws InputError when it cannot be read.
std::string read_declared_file(const std::filesystem::path& file);

// The schema of the database at `url` as it stands (a database an ORM's
// create_all made). Never creates it: a SQLite file that is not there is
// an InputError.
engine::schema::Schema read_declared_database(const engine::url::DatabaseUrl& url,
                                              const std::vector<std::string>& excluded);

} // namespace fleet::orchestrator::autogen
