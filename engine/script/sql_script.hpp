#pragma once

#include "engine/script/script.hpp"

#include <string>
#include <string_view>

namespace fleet::engine::script {

// Parses the text of a SQL revision file (INTERFACE.md "A SQL revision"): the
// `-- key: value` header before the first `-- +` marker, then `-- +upgrade`,
// `-- +downgrade` and their per-dialect variants (`-- +upgrade sqlite`), each
// statement an ops::Execute carrying its line. Fills the revision, its
// sections, create_date and transactional; the caller fills path, format and
// checksum. `file` names the file in errors.
// Throws InputError: no revision, an unknown or repeated header key, a bad id,
// label or transactional value, an unknown or repeated marker, an unknown
// dialect, SQL before the first marker, no upgrade section, an unterminated
// string or comment.
Script parse_sql_script(std::string_view text, const std::string& file);

} // namespace fleet::engine::script
