#pragma once

#include <string>

// One thing `fleet lint` found in one revision (INTERFACE.md, "Lint: the
// safety check before changes"): a rule broken, where, what it would do to a
// database, and the safe way to do the same. A finding a fact of one target
// decided (its PostgreSQL version, a table's size) names that target; the
// same finding on many targets is grouped by the reporters, not here.
namespace fleet::engine::lint {

enum class Severity { warning, error };

// "warning" or "error": how reports and `lint.fail_on` spell it.
const char* severity_name(Severity severity);

struct Finding {
    std::string rule; // a stable id from the rule catalog (engine/lint/rules.hpp)
    Severity severity = Severity::warning;
    std::string revision;  // the revision id
    std::string file;      // the revision file, as found in versions/
    int line = 0;          // where the statement or operation starts in it
    std::string statement; // the statement, on one line (shortened by reporters)
    std::string target;    // "ENV/DATABASE" when a fact of that target decided it
    std::string what;      // what happens: which lock, on what, rewrite, for how long
    std::string safe;      // the safe way to do the same thing
    std::string waived;    // the waiver's reason when the revision allows this rule
    // The table the finding is about and its size on `target` (-1: not
    // known), so a grouped report can show the largest.
    std::string table;
    double rows = -1;
    long long bytes = -1;
};

} // namespace fleet::engine::lint
