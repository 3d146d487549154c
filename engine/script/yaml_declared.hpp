#pragma once

#include "engine/autogen/rename_hints.hpp"
#include "engine/ops/operation.hpp"

#include <string>
#include <vector>

// A declared schema written in YAML (INTERFACE.md, "Declared schema,
// autogenerate and check"): files of tables, each a create_table body plus
// its `indexes` (create_index bodies without `table`) and `renamed_from`
// hints, read by the same parsers as a YAML revision's steps:
//
//   tables:
//     - name: accounts
//       renamed_from: users                      # optional
//       columns:
//         - {name: id, type: bigint, primary_key: true, autoincrement: true}
//         - {name: email, type: text, renamed_from: mail}
//       indexes:
//         - {name: ix_accounts_email, columns: [email]}
//   indexes:                                     # optional: create_index bodies,
//     - {table: accounts, columns: [id, email]}  # `table` any file's table
namespace fleet::engine::script {

// One file of a declared schema: `file` names it in messages.
struct DeclaredFile {
    std::string file;
    std::string text;
};

struct DeclaredYaml {
    // Every table's create_table, then every create_index: files in the
    // order given, entries in the order written. Each operation's line is
    // where its table or index starts in its file.
    std::vector<ops::Operation> operations;
    // operations[i] came from the file sources[i].
    std::vector<std::string> sources;
    autogen::RenameHints renames;
};

// Reads `files` as one declared schema. Throws InputError(file, line,
// problem): a file that is not one YAML map with a `tables:` list, an
// unknown key (of a file, a table, a column or an index, as create_table
// and create_index report theirs), a table or index declared twice, an
// index with `table` inside a table's `indexes` or of a table no file
// declares, `postgresql_concurrently` (a declared schema is loaded, not
// migrated), a `renamed_from` that is not a name or claimed by two tables.
DeclaredYaml parse_declared_yaml(const std::vector<DeclaredFile>& files);

} // namespace fleet::engine::script
