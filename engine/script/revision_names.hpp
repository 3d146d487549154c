#pragma once

#include <string>
#include <string_view>
#include <vector>

// The rules a revision id, a branch label and a depends_on entry follow, shared
// by the file parsers (which report InputError) and the revision writer (which
// reports UsageError for a bad --rev-id or --branch-label).
namespace fleet::engine::script {

// The width of alembic_version.version_num: a longer id cannot be recorded.
inline constexpr std::size_t k_max_revision_id_length = 32;

// Empty when `id` can be a revision id: 1 to 32 of [A-Za-z0-9_], and not a word
// that revision specs reserve (head, heads, base, current) or one the formats
// read as null (none, null). Else the problem, naming the id, for a message.
std::string revision_id_problem(std::string_view id);

// Empty when `label` can be a branch label or a depends_on entry (an id, an id
// prefix or a label): [A-Za-z0-9_] first, then [A-Za-z0-9_.-], and not
// reserved. Else the problem, naming `what` ("branch label") and the label.
std::string label_problem(std::string_view label, std::string_view what);

// "a, b,c" -> {"a", "b", "c"}; blank -> {}. Entries are trimmed; an empty
// entry ("a,,b") stays, empty, for the caller's check to reject.
std::vector<std::string> split_comma_list(std::string_view text);

} // namespace fleet::engine::script
