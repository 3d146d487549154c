#pragma once

#include "engine/lint/finding.hpp"

#include <string_view>
#include <vector>

// The rule catalog of `fleet lint` (INTERFACE.md, "Lint: the safety check
// before changes"): every rule a finding can name, with its stable id, the
// severity it has unless lint settings say otherwise, a one-line summary (the
// README lists them) and the safe way to do the same thing, which every
// finding of the rule carries. Ids are kebab-case and never change meaning:
// waivers (`-- fleet:allow RULE reason`) and `lint.ignore` name them.
namespace fleet::engine::lint {

struct Rule {
    std::string_view id;
    Severity severity = Severity::warning;
    // The dialects it applies to: table rewrites, lock modes and
    // CONCURRENTLY are PostgreSQL's; SQLite's rebuild is SQLite's.
    bool postgresql = true;
    bool sqlite = false;
    std::string_view summary; // one line: what goes wrong
    std::string_view safe;    // the safe alternative, named in every finding
};

// Every rule, in the order the README lists them.
const std::vector<Rule>& rule_catalog();

// The rule with id `id`; nullptr when there is none.
const Rule* find_rule(std::string_view id);

// The rule with id `id`. Throws std::logic_error for an id not in the
// catalog: the rules name only their own ids.
const Rule& rule(std::string_view id);

} // namespace fleet::engine::lint
