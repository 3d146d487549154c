#pragma once

#include <optional>
#include <string>
#include <string_view>

// Internal to engine/revision: the two bits of identifier syntax Alembic
// parses with Python itself rather than by lookup.
namespace fleet::engine::revision::detail {

// Alembic's relative destination: `[label@][symbol](+|-)N`, matched from the
// start of the string like Python's re.match of
// (?:(.+?)@)?(\w+)?((?:\+|-)\d+) — trailing text after N is ignored, as there.
struct RelativeSpec {
    std::optional<std::string> branch_label; // before the first '@' that makes the rest match
    std::optional<std::string> symbol;       // the revision walked from
    std::string relative;                    // "+2", "-1", as written
    int steps = 0;                           // int(relative), clamped to a sane range
};

std::optional<RelativeSpec> match_relative(std::string_view text);

// Python's int(text) for the forms revision identifiers can take: optional
// surrounding whitespace, a sign, digits with single '_' between them.
// nullopt where Python raises ValueError. Clamped to a sane range.
std::optional<int> python_int(std::string_view text);

} // namespace fleet::engine::revision::detail
