#pragma once

#include "engine/script/script.hpp"

#include <string>
#include <string_view>

namespace fleet::engine::script {

// Parses the text of a SQL revision file (INTERFACE.md "A SQL revision"): the
// `-- key: value` header before the first `-- +` marker, then `-- +upgrade`,
// `-- +downgrade` and their per-dialect variants (`-- +upgrade sqlite`).
// Fills the revision, create_date, transactional and downgradable; the caller
// fills path, format and source. When `body` is given, also splits every
// section into it, each statement an ops::Execute carrying its line; without
// it no statement is split (the markers are still found and checked, line
// by line). `-- fleet:allow RULE reason` lines, in the header or a section,
// become waivers (always read, like the header). `file` names the file in
// errors.
// Throws InputError: no revision, an unknown or repeated header key, a bad id,
// label or transactional value, an unknown or repeated marker, an unknown
// dialect, SQL before the first marker, no upgrade section, a fleet:allow
// without a rule or a reason; with `body`, an
// unterminated string or comment in a section too.
Script parse_sql_script(std::string_view text, const std::string& file, Body* body);

} // namespace fleet::engine::script
